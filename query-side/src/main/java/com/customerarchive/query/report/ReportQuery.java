package com.customerarchive.query.report;

import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One report asked for: its name, its period in business time ({@code from}, {@code to} or {@code asOf}) and its
 * knowledge cut-off {@code knownAt} (recording time, never left open: "now" is the instant the report was asked),
 * with the report's own parameters. It names each figure's drill-down with the very same parameters.
 */
record ReportQuery(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                   Integer top, Boolean archived, String unit) {

    ReportQuery(String report, Instant from, Instant to, Instant asOf, Instant knownAt, String by, String ownerId,
                Integer top) {
        this(report, from, to, asOf, knownAt, by, ownerId, top, null, null);
    }

    /** The same report limited to a unit of the organisation and those below it. */
    ReportQuery inUnit(String code) {
        return new ReportQuery(report, from, to, asOf, knownAt, by, ownerId, top, archived, code);
    }

    /** The moment a customer's unit is judged at: the end of the period, or the asOf of a judged report. */
    Instant moment() {
        return asOf != null ? asOf : to != null ? to.minusNanos(1000) : knownAt;
    }

    static final Set<String> REPORTS = Set.of("lifecycle", "at-risk", "value", "referrals", "statistics", "complaints",
            "grade-migration", "activity", "membership", "receivables", "distribution", "route-week", "plan-adherence",
            "trade-types");

    /** The route card's reports: a rep reads them (and drills into them) for its own routes. */
    static final Set<String> ROUTE_REPORTS = Set.of("distribution", "route-week", "plan-adherence", "trade-types");

    /** The parameters that ask for this report again, in a stable order (a frozen report keeps them). */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "from", from);
        put(parameters, "to", to);
        put(parameters, "asOf", asOf);
        put(parameters, "knownAt", knownAt);
        put(parameters, "by", by);
        put(parameters, "ownerId", ownerId);
        put(parameters, "top", top);
        put(parameters, "archived", Boolean.TRUE.equals(archived) ? true : null);
        put(parameters, "unit", unit);
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }

    /** The relative URL of a figure's drill-down: this report's parameters, the figure, its key and column. */
    String drill(Tally.Figure figure) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/reports/drill").queryParam("report", report);
        parameters().forEach(uri::queryParam);
        uri.queryParam("figure", figure.name());
        if (figure.key() != null) {
            uri.queryParam("key", figure.key());
        }
        if (figure.column() != null) {
            uri.queryParam("column", figure.column());
        }
        // a plus sign in a value is a plus, not a space
        return uri.build().encode().toUriString().replace("+", "%2B");
    }
}
