package com.customerarchive.query.org;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Position;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.query.core.OrgCharts;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sales organisation as its members read it: the tree (company → branches → teams) with each unit's members and
 * how many customers they own, and a member's placements over time. Everyone signed in reads the part it belongs to.
 */
@RestController
@RequestMapping("/api/org")
@Tag(name = "organisation")
class OrgController {

    /** A member of a unit now, with the customers it owns (not merged). */
    record Member(String user, Position position, Instant since, long customers) {
    }

    /** A unit with its members, the customers of its members and of every unit below it, and the open units below. */
    record Unit(String code, String name, String parentCode, List<Member> members, long customers, List<Unit> units) {
    }

    /** The part of the tree the user reads ({@code root} null when it belongs to none) and the scope it sees by. */
    record Tree(Unit root, String scope, long version) {
    }

    /** One placement of a member: in which unit, as what, from when until when (null: now). */
    record Placement(String unitCode, String unitName, Position position, Instant from, Instant to) {
    }

    record MemberHistory(String user, List<Placement> placements) {
    }

    private final OrgCharts charts;
    private final CustomerScope scope;
    private final OwnerRepository owners;

    OrgController(OrgCharts charts, CustomerScope scope, OwnerRepository owners) {
        this.charts = charts;
        this.scope = scope;
        this.owners = owners;
    }

    @GetMapping
    @Operation(summary = "The organisation tree with members and customer counts, the part the user belongs to",
            description = "HEAD, AUDITOR and ADMIN (and anyone whose scope is the company) read the whole tree from the "
                    + "company down; a branch manager, clerk or finance member its branch; a team lead or a rep its "
                    + "team. A user who is no member reads no unit (root null). customers counts the customers owned "
                    + "by the unit's members and those below (a merged duplicate not counted).")
    Tree tree(Authentication user) {
        OrgChart chart = charts.chart();
        Scope seen = scope.scope();
        Map<String, Long> owned = owners.customersPerOwner();
        String top = seen.unit();
        return new Tree(top == null || chart.unit(top).isEmpty() ? null : unit(chart, top, owned), seen.basis(),
                chart.version());
    }

    @GetMapping("/members/{user}")
    @Operation(summary = "A member's placements over time: who was in which team when",
            description = "The member itself and anyone whose scope is the company (HEAD, AUDITOR, ADMIN) read any "
                    + "member; a team lead or branch manager those ever placed in its part of the tree; others 403 "
                    + "out-of-scope. A user never placed answers no placements.")
    MemberHistory member(@PathVariable String user, Authentication reader) {
        OrgChart chart = charts.chart();
        Scope seen = scope.scope();
        if (!reader.getName().equals(user) && !seen.all()) {
            boolean inPart = chart.history(user).stream().anyMatch(placement -> seen.reads(placement.unitCode(), chart));
            if (!inPart) {
                throw ForbiddenException.outOfScope(reader.getName());
            }
        }
        return new MemberHistory(user, chart.history(user).stream().map(placement -> new Placement(placement.unitCode(),
                chart.unit(placement.unitCode()).map(OrgChart.Unit::name).orElse(null), placement.position(),
                placement.from(), placement.to())).toList());
    }

    private Unit unit(OrgChart chart, String code, Map<String, Long> owned) {
        OrgChart.Unit unit = chart.unit(code).orElseThrow();
        List<Member> members = chart.placementsIn(code).stream().map(placement -> new Member(placement.user(),
                placement.position(), placement.from(), owned.getOrDefault(placement.user(), 0L))).toList();
        List<Unit> below = chart.children(code).stream().map(child -> unit(chart, child.code(), owned)).toList();
        long customers = members.stream().mapToLong(Member::customers).sum() + below.stream().mapToLong(Unit::customers).sum();
        return new Unit(unit.code(), unit.name(), unit.parentCode(), members, customers, below);
    }
}
