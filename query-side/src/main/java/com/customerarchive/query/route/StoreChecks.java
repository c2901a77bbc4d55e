package com.customerarchive.query.route;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The store checks of a route's outlets over some weeks, as the reports' facts keep them (the visit's number, its
 * business time and each SKU's stock, delivered, sold and merchandised): the grid of the printed route card.
 */
@Repository
class StoreChecks {

    /** One SKU at one visit: 存 stock, 进 delivered, 销 sold (null at an SKU's first check), 生动化 merchandised. */
    record Line(String sku, BigDecimal stock, BigDecimal delivered, BigDecimal sold, boolean merchandised) {
    }

    record Check(Integer visitNo, Instant at, String week, List<Line> lines) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    StoreChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each outlet's checks made in [from, to) in business time, in the order they were made. */
    Map<UUID, List<Check>> of(Collection<UUID> outlets, Instant from, Instant to,
                              java.util.function.Function<Instant, String> weekOf) {
        Map<UUID, List<Check>> checks = new HashMap<>();
        if (outlets.isEmpty()) {
            return checks;
        }
        jdbc.sql("SELECT customer_id, facts::text AS facts FROM report_fact WHERE customer_id = ANY(:ids) "
                        + "AND type = 'VisitRecorded' AND jsonb_exists(facts, 'check') "
                        + "AND CAST(facts->>'at' AS timestamptz) >= :from AND CAST(facts->>'at' AS timestamptz) < :to "
                        + "ORDER BY customer_id, CAST(facts->>'at' AS timestamptz), sequence")
                .param("ids", outlets.toArray(UUID[]::new))
                .param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
                .query(row -> {
                    JsonNode facts = json.readTree(row.getString("facts"));
                    List<Line> lines = new ArrayList<>();
                    for (JsonNode line : facts.get("check")) {
                        lines.add(new Line(line.get("sku").asString(), line.get("stock").decimalValue(),
                                line.get("delivered").decimalValue(),
                                line.has("sold") ? line.get("sold").decimalValue() : null,
                                line.get("merchandised").asBoolean()));
                    }
                    Instant at = Instant.parse(facts.get("at").asString());
                    checks.computeIfAbsent(row.getObject("customer_id", UUID.class), id -> new ArrayList<>())
                            .add(new Check(facts.has("number") ? facts.get("number").asInt() : null, at,
                                    weekOf.apply(at), lines));
                });
        return checks;
    }

    /**
     * The outlets called on in [from, to) in business time: a visit on site, or one with a store check (the route
     * reports' rule, {@code RouteReports.storeVisit}); a later visit or a phone call does not change it.
     */
    java.util.Set<UUID> calledOn(Collection<UUID> outlets, Instant from, Instant to) {
        java.util.Set<UUID> called = new java.util.HashSet<>();
        if (outlets.isEmpty()) {
            return called;
        }
        jdbc.sql("SELECT DISTINCT customer_id FROM report_fact WHERE customer_id = ANY(:ids) AND type = 'VisitRecorded' "
                        + "AND (facts->>'method' = 'ON_SITE_VISIT' OR jsonb_exists(facts, 'check')) "
                        + "AND CAST(facts->>'at' AS timestamptz) >= :from AND CAST(facts->>'at' AS timestamptz) < :to")
                .param("ids", outlets.toArray(UUID[]::new))
                .param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
                .query(row -> {
                    called.add(row.getObject(1, UUID.class));
                });
        return called;
    }
}
