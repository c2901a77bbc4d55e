package com.customerarchive.events.org;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sales organisation folded from its stream: the tree of units (company → branches → teams) and every member's
 * placements with the moment each began and ended, so both who is where now and who was where at any moment are
 * answered. One fold for both apps (command-side's aggregate decides on it, both scope rules read it).
 */
public final class OrgChart {

    /** The aggregate identifier of the organisation's one stream. */
    public static final String STREAM = "organisation";

    /** A unit; {@code parentCode} is null for the company. */
    public record Unit(String code, String name, String parentCode, boolean closed) {
    }

    /** One placement of a member: in {@code unitCode} as {@code position} from {@code from} until {@code to} (null: now). */
    public record Placement(String user, String unitCode, Position position, Instant from, Instant to) {

        boolean covers(Instant at) {
            return !from.isAfter(at) && (to == null || to.isAfter(at));
        }
    }

    /** An event of the stream and when it was recorded. */
    private record Recorded(OrganisationEvent event, Instant at) {
    }

    private final List<Recorded> recorded = new ArrayList<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final List<Placement> placements = new ArrayList<>();
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    /** The catalogue's products and trade types as events defined them, over what configuration says. */
    private final List<OrganisationEvent> catalogue = new ArrayList<>();
    private long version;

    public static OrgChart empty() {
        return new OrgChart();
    }

    /** A copy to fold more events into while readers keep this one. */
    public OrgChart copy() {
        OrgChart copy = new OrgChart();
        copy.recorded.addAll(recorded);
        copy.units.putAll(units);
        copy.placements.addAll(placements);
        copy.pools.putAll(pools);
        copy.catalogue.addAll(catalogue);
        copy.version = version;
        return copy;
    }

    /** Folds one event of the stream, recorded at {@code at}. */
    public OrgChart apply(OrganisationEvent event, Instant at) {
        recorded.add(new Recorded(event, at));
        if (event instanceof OrgUnitOpenedEvent opened) {
            units.put(opened.code(), new Unit(opened.code(), opened.name(), opened.parentCode(), false));
        } else if (event instanceof OrgUnitRenamedEvent renamed) {
            units.computeIfPresent(renamed.code(),
                    (code, unit) -> new Unit(code, renamed.name(), unit.parentCode(), unit.closed()));
        } else if (event instanceof OrgUnitMovedEvent moved) {
            units.computeIfPresent(moved.code(),
                    (code, unit) -> new Unit(code, unit.name(), moved.parentCode(), unit.closed()));
        } else if (event instanceof OrgUnitClosedEvent closed) {
            units.computeIfPresent(closed.code(), (code, unit) -> new Unit(code, unit.name(), unit.parentCode(), true));
        } else if (event instanceof MemberPlacedEvent placed) {
            end(placed.user(), at);
            placements.add(new Placement(placed.user(), placed.unitCode(), placed.position(), at, null));
        } else if (event instanceof MemberRemovedEvent removed) {
            end(removed.user(), at);
        } else if (event instanceof PoolConfiguredEvent pool) {
            pools.put(pool.poolId(), new Pool(pool.poolId(), pool.name(), pool.unitCodes(), pool.rules()));
        } else if (event instanceof CatalogueProductDefinedEvent || event instanceof CatalogueTradeTypeDefinedEvent) {
            catalogue.add(event);
        }
        version++;
        return this;
    }

    private void end(String user, Instant at) {
        for (int i = 0; i < placements.size(); i++) {
            Placement placement = placements.get(i);
            if (placement.user().equals(user) && placement.to() == null) {
                placements.set(i, new Placement(user, placement.unitCode(), placement.position(), placement.from(), at));
            }
        }
    }

    /** The organisation as the archive knew it at {@code knownAt}: only what was recorded by then. */
    public OrgChart knownAt(Instant knownAt) {
        OrgChart then = new OrgChart();
        recorded.stream().filter(event -> !event.at().isAfter(knownAt)).forEach(event -> then.apply(event.event(), event.at()));
        return then;
    }

    /**
     * The route card's catalogue: what configuration says ({@code configured}, the seed's lists by default), each
     * product and trade type an event defined replacing the one of the same code, in the order they were defined.
     */
    public com.customerarchive.events.route.Catalogue catalogue(com.customerarchive.events.route.Catalogue configured) {
        var result = configured;
        for (OrganisationEvent event : catalogue) {
            if (event instanceof CatalogueProductDefinedEvent defined) {
                result = result.with(defined.product());
            } else if (event instanceof CatalogueTradeTypeDefinedEvent defined) {
                result = result.with(defined.tradeType());
            }
        }
        return result;
    }

    /** The unit the user was placed in at {@code at}, or null. */
    public String unitAt(String user, Instant at) {
        return user == null ? null : placementAt(user, at).map(Placement::unitCode).orElse(null);
    }

    /** How many events were folded: the stream's next sequence number. */
    public long version() {
        return version;
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(code == null ? null : units.get(code));
    }

    /** Every unit ever opened, in the order they were. */
    public List<Unit> units() {
        return List.copyOf(units.values());
    }

    /** The company: the one unit without a parent, if opened. */
    public Optional<Unit> root() {
        return units.values().stream().filter(unit -> unit.parentCode() == null).findFirst();
    }

    /** The open units directly below {@code code}. */
    public List<Unit> children(String code) {
        return units.values().stream().filter(unit -> code.equals(unit.parentCode()) && !unit.closed()).toList();
    }

    /** {@code code} and every unit below it. */
    public Set<String> subtree(String code) {
        Set<String> found = new LinkedHashSet<>();
        List<String> next = new ArrayList<>(List.of(code));
        while (!next.isEmpty()) {
            String current = next.remove(next.size() - 1);
            if (found.add(current)) {
                units.values().stream().filter(unit -> current.equals(unit.parentCode())).map(Unit::code).forEach(next::add);
            }
        }
        return found;
    }

    /** The units from the company down to {@code code} (the company first). */
    public List<Unit> path(String code) {
        List<Unit> path = new ArrayList<>();
        Unit current = units.get(code);
        while (current != null && path.size() <= units.size()) {
            path.add(0, current);
            current = current.parentCode() == null ? null : units.get(current.parentCode());
        }
        return path;
    }

    /**
     * The branch {@code code} belongs to: the unit on its path just below the company (the company itself when the
     * unit is the company).
     */
    public Optional<Unit> branchOf(String code) {
        List<Unit> path = path(code);
        return path.isEmpty() ? Optional.empty() : Optional.of(path.get(Math.min(1, path.size() - 1)));
    }

    /** Where the user is now, if it is a member. */
    /** The public pools, in the order they were set up. */
    public List<Pool> pools() {
        return List.copyOf(pools.values());
    }

    public Optional<Pool> pool(String poolId) {
        return Optional.ofNullable(pools.get(poolId));
    }

    /** The pool a customer of this owner belongs to: the one naming the owner's nearest unit (or above), if any. */
    public Optional<Pool> poolOfOwner(String ownerId) {
        Optional<Placement> placement = ownerId == null ? Optional.empty() : placement(ownerId);
        if (placement.isEmpty()) {
            return Optional.empty();
        }
        List<Unit> path = path(placement.get().unitCode());
        for (int i = path.size() - 1; i >= 0; i--) {
            String code = path.get(i).code();
            Optional<Pool> pool = pools.values().stream().filter(p -> p.unitCodes().contains(code)).findFirst();
            if (pool.isPresent()) {
                return pool;
            }
        }
        return Optional.empty();
    }

    /** Whether the user is placed in one of the pool's units or below: it sees and claims what the pool holds. */
    public boolean inPool(String user, Pool pool) {
        Optional<Placement> placement = placement(user);
        return placement.isPresent() && path(placement.get().unitCode()).stream()
                .anyMatch(unit -> pool.unitCodes().contains(unit.code()));
    }

    public Optional<Placement> placement(String user) {
        return placements.stream().filter(placement -> placement.user().equals(user) && placement.to() == null)
                .findFirst();
    }

    /** Where the user was at {@code at}, if it was a member then. */
    public Optional<Placement> placementAt(String user, Instant at) {
        return placements.stream().filter(placement -> placement.user().equals(user) && placement.covers(at))
                .findFirst();
    }

    /** Every placement of the user, the first first. */
    public List<Placement> history(String user) {
        return placements.stream().filter(placement -> placement.user().equals(user))
                .sorted(Comparator.comparing(Placement::from)).toList();
    }

    /** The current members of these units, by user name. */
    public Set<String> membersOf(Set<String> unitCodes) {
        Set<String> members = new TreeSet<>();
        placements.stream().filter(placement -> placement.to() == null && unitCodes.contains(placement.unitCode()))
                .forEach(placement -> members.add(placement.user()));
        return members;
    }

    /** The current placements in one unit (not below it). */
    public List<Placement> placementsIn(String unitCode) {
        return placements.stream().filter(placement -> placement.to() == null && placement.unitCode().equals(unitCode))
                .sorted(Comparator.comparing(Placement::user)).toList();
    }
}
