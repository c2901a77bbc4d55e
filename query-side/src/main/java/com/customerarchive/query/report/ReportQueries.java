package com.customerarchive.query.report;

import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.query.core.OrgCharts;
import com.customerarchive.query.web.CustomerScope;
import org.springframework.security.core.context.SecurityContextHolder;
import com.customerarchive.platform.web.InvalidRequestException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A report's parameters checked as its own endpoint checks them, for the endpoint, its drill-down and its snapshot. */
@Component
class ReportQueries {

    private final Clock clock;

    private final CustomerScope scope;
    private final OrgCharts charts;

    ReportQueries(Clock clock, CustomerScope scope, OrgCharts charts) {
        this.clock = clock;
        this.scope = scope;
        this.charts = charts;
    }

    /** The report a drill-down (or a frozen report) names, its parameters checked as the report's own endpoint does. */
    ReportQuery query(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                      Integer top) {
        return query(report, from, to, asOf, knownAt, by, ownerId, top, false);
    }

    /** @param archived for the value ranking: archived customers ranked too */
    ReportQuery query(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                      Integer top, boolean archived) {
        return query(report, from, to, asOf, knownAt, by, ownerId, top, archived, null);
    }

    /**
     * @param unit a unit of the organisation: the report covers that unit and those below it (a unit outside the
     *             user's scope is 403 out-of-scope, an unknown one 400)
     */
    ReportQuery query(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                      Integer top, boolean archived, String unit) {
        if (unit != null) {
            OrgChart chart = charts.chart();
            if (chart.unit(unit).isEmpty()) {
                throw new InvalidRequestException("unit", "no unit of the organisation has the code " + unit);
            }
            Scope seen = scope.scope();
            if (!seen.all() && !seen.reads(unit, chart)) {
                throw ForbiddenException.outOfScope(SecurityContextHolder.getContext().getAuthentication().getName());
            }
            return queryWithoutUnit(report, from, to, asOf, knownAt, by, ownerId, top, archived).inUnit(unit);
        }
        return queryWithoutUnit(report, from, to, asOf, knownAt, by, ownerId, top, archived);
    }

    private ReportQuery queryWithoutUnit(String report, Instant from, Instant to, Instant asOf, Instant knownAt,
                                         String by, String ownerId, Integer top, boolean archived) {
        if (ownerId != null) {
            scope.owners(ownerId); // an owner outside the user's scope is 403 out-of-scope
        }
        ReportQuery query = checked(report, from, to, asOf, knownAt, by, ownerId, top);
        return archived && report.equals("value") ? new ReportQuery(query.report(), query.from(), query.to(),
                query.asOf(), query.knownAt(), query.by(), query.ownerId(), query.top(), true, null) : query;
    }

    private ReportQuery checked(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by,
                                String ownerId, Integer top) {
        Instant known = knownAt(knownAt);
        return switch (report) {
            case "lifecycle", "at-risk", "value" -> judgedAt(report, asOf, knownAt, ownerId,
                    report.equals("value") ? (top == null ? 100 : top) : null);
            case "receivables" -> {
                String grouping = by == null ? "owner" : by;
                requireOneOf("by", grouping, Reports.RECEIVABLE_GROUPS);
                yield new ReportQuery(report, null, null, asOf != null ? asOf : known, known, grouping, null, null);
            }
            case "distribution" -> {
                String grouping = by == null ? "route" : by;
                requireOneOf("by", grouping, RouteReports.DISTRIBUTION_GROUPS);
                yield new ReportQuery(report, null, null, asOf != null ? asOf : known, known, grouping, null, null);
            }
            case "referrals" -> {
                Instant until = to != null ? to : known;
                if (from != null) {
                    requireOrder(from, until);
                }
                yield new ReportQuery(report, from, until, null, known, null, null, null);
            }
            default -> {
                if (from == null || to == null) {
                    throw new InvalidRequestException(from == null ? "from" : "to", "is required by " + report);
                }
                requireOrder(from, to);
                if (report.equals("statistics")) {
                    requireOneOf("by", by, Reports.STATISTICS_DIMENSIONS);
                } else if (report.equals("complaints")) {
                    requireOneOf("by", by, Reports.COMPLAINT_DIMENSIONS);
                }
                yield new ReportQuery(report, from, to, null, known, by, report.equals("activity") ? ownerId : null,
                        null);
            }
        };
    }

    ReportQuery judgedAt(String report, Instant asOf, Instant knownAt, String ownerId, Integer top) {
        Instant known = knownAt(knownAt);
        return new ReportQuery(report, null, null, asOf != null ? asOf : known, known, null, ownerId, top);
    }

    Instant knownAt(Instant knownAt) {
        Instant now = clock.instant();
        if (knownAt == null) {
            return now;
        }
        if (knownAt.isAfter(now)) {
            throw new InvalidRequestException("knownAt", "must not be in the future: the archive cannot know it yet");
        }
        return knownAt;
    }

    static void requireOneOf(String parameter, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidRequestException(parameter, "must be one of " + new TreeSet<>(allowed));
        }
    }

    static void requireOrder(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("from", "must be before to");
        }
    }
}
