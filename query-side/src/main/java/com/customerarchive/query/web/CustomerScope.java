package com.customerarchive.query.web;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Pool;
import com.customerarchive.events.PoolOwner;
import java.util.Optional;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.security.AccessProperties;
import com.customerarchive.platform.security.Role;
import com.customerarchive.platform.security.Roles;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.core.OrgCharts;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see which customer, the one place every customer read passes: the organisation's {@link Scope} rule (a rep
 * its own customers, a team lead its team's, a branch manager, clerk or finance its branch's, head office, auditors and
 * admins all; a user who is no member by its roles, as before the organisation existed). A customer outside the scope
 * is 403 out-of-scope; an unknown one is left to the read's own 404; lists hold only what is in scope. A customer that
 * withdrew its consent shows its personal fields only to auditors and admins.
 */
@Component
public class CustomerScope {

    private final AccessProperties access;
    private final OwnerRepository owners;
    private final OrgCharts charts;

    private final java.time.Clock clock;
    private final com.customerarchive.platform.time.BusinessZone zone;

    CustomerScope(AccessProperties access, OwnerRepository owners, OrgCharts charts, java.time.Clock clock,
                  com.customerarchive.platform.time.BusinessZone zone) {
        this.clock = clock;
        this.zone = zone;
        this.access = access;
        this.owners = owners;
        this.charts = charts;
    }

    /** How the current user may read one customer: known or not, and whether its personal fields are withheld. */
    public record Visibility(boolean known, boolean withholds, boolean pooled) {

        Visibility(boolean known, boolean withholds) {
            this(known, withholds, false);
        }

        /** What personal values read as for this reader ("[withheld]"), or null to show them. */
        public String marker() {
            return withholds ? Redaction.WITHHELD : null;
        }
    }

    /** Refuses a read of one customer the current user may not see; one look-up answers how it may be read. */
    public Visibility check(UUID customerId) {
        OwnerRepository.Access access = owners.accessOf(customerId, zone.today(clock)).orElse(null);
        Optional<String> pool = access == null ? Optional.empty() : PoolOwner.poolOf(access.ownerId());
        if (pool.isPresent()) {
            // a customer in the public pool: its pool's members see it, its personal fields withheld until claimed
            PoolView view = poolView(pool.get());
            if (!view.sees()) {
                throw ForbiddenException.outOfScope(user().getName());
            }
            return new Visibility(true, !view.inFull() || withholds(access.consentGranted()) || financeOnly(),
                    !view.inFull());
        }
        // a colleague on the customer's team (相关团队) reads it as its owner does
        if (access != null && !scope().covers(access.ownerId()) && !access.team().contains(user().getName())) {
            throw ForbiddenException.outOfScope(user().getName());
        }
        return new Visibility(access != null, access != null && (withholds(access.consentGranted()) || financeOnly()));
    }

    /**
     * The owners a list is limited to, as a query parameter (null: every owner): the one asked for when it lies in the
     * scope (else 403 out-of-scope), or every owner in the scope.
     */
    public String[] owners(String requested) {
        Scope scope = scope();
        if (requested != null) {
            if (!scope.covers(requested)) {
                throw ForbiddenException.outOfScope(user().getName());
            }
            return new String[]{requested};
        }
        return scope.ownersOrNull();
    }

    /**
     * How the current user sees a public pool: a member of its units (and below) sees what waits in it with the
     * personal fields withheld; a company-wide scope, and a lead whose part of the organisation holds one of the
     * pool's units, see it in full.
     */
    public record PoolView(boolean sees, boolean inFull) {
    }

    public PoolView poolView(String poolId) {
        OrgChart chart = charts.chart();
        Optional<Pool> pool = chart.pool(poolId);
        Scope scope = scope(chart);
        if (scope.all()) {
            return new PoolView(true, true);
        }
        if (pool.isEmpty()) {
            return new PoolView(false, false);
        }
        boolean manages = pool.get().unitCodes().stream().anyMatch(code -> scope.reads(code, chart));
        return new PoolView(manages || chart.inPool(user().getName(), pool.get()), manages);
    }

    /** The signed-in user's name. */
    public String userName() {
        return user().getName();
    }

    /** The current user's scope. */
    public Scope scope() {
        return scope(charts.chart());
    }

    /**
     * The current user's scope as the organisation was known at {@code knownAt}: a report asked as the archive knew it
     * then covers what the user's position covered then (a rep who left the team since still counts in it).
     */
    public Scope scopeKnownAt(Instant knownAt) {
        return scope(charts.chart().knownAt(knownAt));
    }

    private Scope scope(OrgChart chart) {
        Authentication user = user();
        return Scope.of(user.getName(), Roles.of(user).stream().map(Role::name).toList(), chart, access.salesSeeAll());
    }

    /**
     * True when the customer withdrew its consent and the reader is neither an auditor nor an admin: its personal
     * fields then read "[withheld]" (the read is still in the access trail).
     */
    public boolean withholds(Boolean consentGranted) {
        return Boolean.FALSE.equals(consentGranted) && !privileged();
    }

    /**
     * A user whose only role is FINANCE: it reads the money of its branch's customers and nothing personal beyond
     * the name (the profile and lists show the name; history, changes and as-of withhold every personal field).
     */
    public boolean financeOnly() {
        Set<Role> roles = Roles.of(user());
        return roles.contains(Role.FINANCE) && roles.stream().allMatch(role -> role == Role.FINANCE);
    }

    private static boolean privileged() {
        Set<Role> roles = Roles.of(SecurityContextHolder.getContext().getAuthentication());
        return roles.contains(Role.AUDITOR) || roles.contains(Role.ADMIN);
    }

    private static Authentication user() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}
