package com.customerarchive.query.report;

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

    ReportQueries(Clock clock) {
        this.clock = clock;
    }

    /** The report a drill-down (or a frozen report) names, its parameters checked as the report's own endpoint does. */
    ReportQuery query(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                      Integer top) {
        return query(report, from, to, asOf, knownAt, by, ownerId, top, false);
    }

    /** @param archived for the value ranking: archived customers ranked too */
    ReportQuery query(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                      Integer top, boolean archived) {
        ReportQuery query = checked(report, from, to, asOf, knownAt, by, ownerId, top);
        return archived && report.equals("value") ? new ReportQuery(query.report(), query.from(), query.to(),
                query.asOf(), query.knownAt(), query.by(), query.ownerId(), query.top(), true) : query;
    }

    private ReportQuery checked(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by,
                                String ownerId, Integer top) {
        Instant known = knownAt(knownAt);
        return switch (report) {
            case "lifecycle", "at-risk", "value" -> judgedAt(report, asOf, knownAt, ownerId,
                    report.equals("value") ? (top == null ? 100 : top) : null);
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
