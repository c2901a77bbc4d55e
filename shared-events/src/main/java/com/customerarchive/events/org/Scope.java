package com.customerarchive.events.org;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which customers a user sees and writes: every one, or those whose owner is one of {@code owners}. The one rule of
 * both apps ({@link #of}); a customer belongs to the unit of its owner, so a rep who moves to another team takes its
 * book along and its old lead stops seeing it from the moment of the move.
 *
 * @param basis how the scope was decided, for answers and the console ("company", "team T1", "own" …)
 * @param unit  the part of the organisation the user reads: the company for a company-wide scope, its branch or its
 *              team (a rep: its team); null when it is no member and the organisation has no company yet
 */
public record Scope(boolean all, Set<String> owners, String basis, String unit) {

    public Scope {
        owners = all ? Set.of() : Set.copyOf(owners);
    }

    private static Scope company(String basis, OrgChart chart) {
        return new Scope(true, Set.of(), basis, chart.root().map(OrgChart.Unit::code).orElse(null));
    }

    /** True when {@code code} is the user's part of the organisation or a unit below it. */
    public boolean reads(String code, OrgChart chart) {
        return unit != null && chart.path(code).stream().anyMatch(step -> step.code().equals(unit));
    }

    /** True when a customer owned by {@code ownerId} is in scope. */
    public boolean covers(String ownerId) {
        return all || ownerId != null && owners.contains(ownerId);
    }

    /** The owners in a stable order (for a query's parameter), or null when the scope is the whole company. */
    public String[] ownersOrNull() {
        return all ? null : new TreeSet<>(owners).toArray(String[]::new);
    }

    /**
     * The rule (DOMAIN.md, the sales organisation): AUDITOR and ADMIN see every customer, and so does everyone when
     * {@code companyWide} ({@code archive.access.sales-see-all}). A member of the organisation sees by its position:
     * HEAD every customer; BRANCH_MANAGER, CLERK and FINANCE the customers of every member of their branch; TEAM_LEAD
     * those of its team (its unit and below); REP its own. A user who is no member keeps the rule of its roles: a SALES
     * user without MANAGER its own customers, every other role every customer (an archive without an organisation
     * works as before).
     *
     * @param roles the user's role names ({@code SALES}, {@code MANAGER} …)
     */
    public static Scope of(String user, Collection<String> roles, OrgChart chart, boolean companyWide) {
        if (roles.contains("AUDITOR") || roles.contains("ADMIN")) {
            return company("company (" + (roles.contains("ADMIN") ? "ADMIN" : "AUDITOR") + ")", chart);
        }
        if (companyWide) {
            return company("company (sales see all)", chart);
        }
        Optional<OrgChart.Placement> placement = chart.placement(user);
        if (placement.isEmpty()) {
            boolean ownOnly = roles.contains("SALES") && !roles.contains("MANAGER");
            return ownOnly ? new Scope(false, Set.of(user), "own", null) : company("company (no placement)", chart);
        }
        String unit = placement.get().unitCode();
        return switch (placement.get().position()) {
            case HEAD -> company("company (HEAD)", chart);
            case REP -> new Scope(false, Set.of(user), "own", unit);
            case TEAM_LEAD -> unit(user, chart, unit, "team");
            case BRANCH_MANAGER, CLERK, FINANCE -> unit(user, chart,
                    chart.branchOf(unit).map(OrgChart.Unit::code).orElse(unit), "branch");
        };
    }

    private static Scope unit(String user, OrgChart chart, String unit, String kind) {
        if (chart.root().map(root -> root.code().equals(unit)).orElse(false)) {
            return company("company (" + unit + ")", chart);
        }
        Set<String> owners = new TreeSet<>(chart.membersOf(chart.subtree(unit)));
        owners.add(user);
        return new Scope(false, owners, kind + " " + unit, unit);
    }
}
