package com.customerarchive.query.pool;

import com.customerarchive.events.PoolOwner;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.core.OrgCharts;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The manager's pool reports: the briefing (销售简报) of a period against the one before, the forgotten customers
 * (遗忘客户) and the pool's movements. Each event counts under the owner its customer had when it happened (the
 * latest owner fact at or before it in the customer's stream); a return counts under the rep it came back from.
 */
@RestController
@Tag(name = "reports")
class PoolReports {

    /** The thresholds of the forgotten customers, in days without a follow-up. */
    static final List<Integer> FORGOTTEN_DAYS = List.of(7, 15, 30, 90);
    private static final Set<String> MOVEMENTS = Set.of("CustomerReturnedToPool", "CustomerClaimed", "CustomerAssigned");
    private static final Set<String> BRIEFED = Set.of("CustomerRegistered", "VisitRecorded", "PurchaseRecorded",
            "CustomerReturnedToPool", "CustomerClaimed");

    private final JdbcClient jdbc;
    private final CustomerScope scope;
    private final OrgCharts charts;
    private final Clock clock;

    PoolReports(JdbcClient jdbc, CustomerScope scope, OrgCharts charts, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.charts = charts;
        this.clock = clock;
    }

    /** A money total in one currency. */
    record Money(String currency, BigDecimal amount) {
    }

    /** One rep's or team's figures in the period and in the one before. */
    record BriefingRow(String key, int rank, long newCustomers, long newCustomersBefore, long visits, long visitsBefore,
                       long purchases, long purchasesBefore, List<Money> purchaseTotals,
                       List<Money> purchaseTotalsBefore, long claimed, long claimedBefore, long returned,
                       long returnedBefore) {
    }

    /** The rows as a page of one page (so that text/csv writes one row per key and currency). */
    record Briefing(Instant from, Instant to, Instant previousFrom, Instant previousTo, String by,
                    List<BriefingRow> items, int page, int size, long total, Map<String, List<String>> ranking) {
    }

    @ReadsCustomers
    @GetMapping("/api/reports/briefing")
    @Operation(summary = "The manager's briefing (销售简报): a period against the one before it, per rep or team",
            description = "New customers, visits, purchases (count and amount per currency, never added across "
                    + "currencies), customers claimed from and returned to the pool, for the period [from, to) and "
                    + "the period of the same length before it; by=owner (default) or team (the rep's team now). "
                    + "rows come ranked by visits in the period (rank 1 first); ranking names the keys in order for "
                    + "newCustomers, visits and purchases. In the user's scope. items come as one page (page 0, all of "
                    + "them); as text/csv one row per key and currency.")
    Briefing briefing(@RequestParam Instant from, @RequestParam Instant to,
                      @RequestParam(defaultValue = "owner") String by) {
        if (!to.isAfter(from) || Duration.between(from, to).toDays() > 3660) {
            throw new InvalidRequestException("to", "must be after from, within ten years");
        }
        if (!by.equals("owner") && !by.equals("team")) {
            throw new InvalidRequestException("by", "owner or team");
        }
        Instant previousFrom = from.minus(Duration.between(from, to));
        String[] owners = scope.owners(null);
        OrgChart chart = charts.chart();
        Map<String, Figures> now = new TreeMap<>();
        Map<String, Figures> before = new TreeMap<>();
        for (Moved fact : facts(BRIEFED, previousFrom, to)) {
            String owner = fact.type().equals("CustomerReturnedToPool") ? fact.previousOwner() : fact.owner();
            if (owner == null || PoolOwner.isPool(owner) || owners != null && !Arrays.asList(owners).contains(owner)) {
                continue;
            }
            String key = by.equals("team") ? chart.placement(owner).map(p -> p.unitCode()).orElse("(none)") : owner;
            (fact.occurredAt().isBefore(from) ? before : now).computeIfAbsent(key, k -> new Figures()).add(fact);
        }
        Set<String> keys = new HashSet<>(now.keySet());
        keys.addAll(before.keySet());
        List<BriefingRow> rows = new ArrayList<>();
        for (String key : keys) {
            Figures in = now.getOrDefault(key, new Figures());
            Figures was = before.getOrDefault(key, new Figures());
            rows.add(new BriefingRow(key, 0, in.registered, was.registered, in.visits, was.visits, in.purchases,
                    was.purchases, in.totals(), was.totals(), in.claimed, was.claimed, in.returned, was.returned));
        }
        rows.sort(Comparator.comparingLong(BriefingRow::visits).reversed().thenComparing(BriefingRow::key));
        List<BriefingRow> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BriefingRow row = rows.get(i);
            ranked.add(new BriefingRow(row.key(), i + 1, row.newCustomers(), row.newCustomersBefore(), row.visits(),
                    row.visitsBefore(), row.purchases(), row.purchasesBefore(), row.purchaseTotals(),
                    row.purchaseTotalsBefore(), row.claimed(), row.claimedBefore(), row.returned(), row.returnedBefore()));
        }
        Map<String, List<String>> ranking = new LinkedHashMap<>();
        ranking.put("newCustomers", order(ranked, Comparator.comparingLong(BriefingRow::newCustomers)));
        ranking.put("visits", order(ranked, Comparator.comparingLong(BriefingRow::visits)));
        ranking.put("purchases", order(ranked, Comparator.comparingLong(BriefingRow::purchases)));
        return new Briefing(from, to, previousFrom, from, by, ranked, 0, ranked.size(), ranked.size(), ranking);
    }

    private static List<String> order(List<BriefingRow> rows, Comparator<BriefingRow> by) {
        return rows.stream().sorted(by.reversed().thenComparing(BriefingRow::key)).map(BriefingRow::key).toList();
    }

    /** A rep's count of forgotten customers at each threshold. */
    record ForgottenRow(String ownerId, Map<Integer, Long> counts) {
    }

    record ForgottenCustomer(UUID customerId, String code, String name, String grade, String ownerId,
                             Instant lastContactAt, long daysSince) {
    }

    record Forgotten(Instant asOf, List<Integer> thresholds, List<ForgottenRow> owners, Integer days,
                     List<ForgottenCustomer> customers) {
    }

    @ReadsCustomers
    @GetMapping("/api/reports/forgotten")
    @Operation(summary = "Forgotten customers (遗忘客户): no follow-up for 7, 15, 30 or 90 days and more, per rep",
            description = "counts per rep at each threshold (a customer 40 days without a follow-up counts at 7, 15 "
                    + "and 30); with days= the customers themselves at that threshold (the drill-down), the longest "
                    + "forgotten first. A customer never followed up counts from its registration. Active customers "
                    + "with a rep, in the user's scope.")
    Forgotten forgotten(@RequestParam(required = false) Integer days,
                        @RequestParam(required = false) String ownerId) {
        if (days != null && (days < 1 || days > 3650)) {
            throw new InvalidRequestException("days", "between 1 and 3650");
        }
        Instant now = clock.instant();
        String[] owners = scope.owners(ownerId);
        int least = days != null ? Math.min(days, FORGOTTEN_DAYS.get(0)) : FORGOTTEN_DAYS.get(0);
        List<ForgottenCustomer> found = jdbc.sql("""
                        SELECT customer_id, code, name, grade, owner_id, COALESCE(last_contact_at, registered_at) AS last
                        FROM profile
                        WHERE merged_into IS NULL AND status = 'ACTIVE' AND owner_id NOT LIKE 'pool:%'
                          AND (CAST(:owners AS text[]) IS NULL OR owner_id = ANY(CAST(:owners AS text[])))
                          AND COALESCE(last_contact_at, registered_at) <= :cut
                        ORDER BY last, customer_id""")
                .param("owners", owners).param("cut", Timestamp.from(now.minus(Duration.ofDays(least))))
                .query((row, n) -> {
                    Instant last = row.getTimestamp("last").toInstant();
                    return new ForgottenCustomer(row.getObject("customer_id", UUID.class), row.getString("code"),
                            row.getString("name"), row.getString("grade"), row.getString("owner_id"), last,
                            Duration.between(last, now).toDays());
                }).list();
        Map<String, Map<Integer, Long>> counts = new TreeMap<>();
        for (ForgottenCustomer customer : found) {
            for (int threshold : FORGOTTEN_DAYS) {
                if (customer.daysSince() >= threshold) {
                    counts.computeIfAbsent(customer.ownerId(), owner -> zeros()).merge(threshold, 1L, Long::sum);
                }
            }
        }
        List<ForgottenRow> rows = counts.entrySet().stream().map(e -> new ForgottenRow(e.getKey(), e.getValue())).toList();
        List<ForgottenCustomer> customers = days == null ? null
                : found.stream().filter(customer -> customer.daysSince() >= days).toList();
        return new Forgotten(now, FORGOTTEN_DAYS, rows, days, customers);
    }

    private static Map<Integer, Long> zeros() {
        Map<Integer, Long> zeros = new LinkedHashMap<>();
        FORGOTTEN_DAYS.forEach(threshold -> zeros.put(threshold, 0L));
        return zeros;
    }

    /** One rep's pool movements in the period. */
    record PoolRow(String ownerId, long returned, long claimed, long assigned) {
    }

    record PoolMovement(UUID customerId, String type, Instant occurredAt, String ownerId, String reason) {
    }

    record PoolMovements(Instant from, Instant to, List<PoolRow> owners, long returned, long claimed, long assigned,
                         List<PoolMovement> movements) {
    }

    @ReadsCustomers
    @GetMapping("/api/reports/pool")
    @Operation(summary = "The pool's movements in a period: customers returned, claimed and assigned, per rep",
            description = "returned counts under the rep the customer came back from, claimed and assigned under the "
                    + "rep that got it; with ownerId= one rep, with movements=true every movement behind the figures "
                    + "(the drill-down: customer, type, when, reason). In the user's scope.")
    PoolMovements pool(@RequestParam Instant from, @RequestParam Instant to,
                       @RequestParam(required = false) String ownerId,
                       @RequestParam(defaultValue = "false") boolean movements) {
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        String[] owners = scope.owners(ownerId);
        Map<String, long[]> perOwner = new TreeMap<>();
        List<PoolMovement> behind = new ArrayList<>();
        for (Moved fact : facts(MOVEMENTS, from, to)) {
            boolean returned = fact.type().equals("CustomerReturnedToPool");
            String owner = returned ? fact.previousOwner() : fact.owner();
            if (owner == null || owners != null && !Arrays.asList(owners).contains(owner)) {
                continue;
            }
            int column = returned ? 0 : fact.type().equals("CustomerClaimed") ? 1 : 2;
            perOwner.computeIfAbsent(owner, key -> new long[3])[column]++;
            behind.add(new PoolMovement(fact.customerId(), fact.type(), fact.occurredAt(), owner, fact.reason()));
        }
        List<PoolRow> rows = perOwner.entrySet().stream()
                .map(e -> new PoolRow(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
        return new PoolMovements(from, to, rows, rows.stream().mapToLong(PoolRow::returned).sum(),
                rows.stream().mapToLong(PoolRow::claimed).sum(), rows.stream().mapToLong(PoolRow::assigned).sum(),
                movements ? behind : null);
    }

    /** A fact of the period with the owner its customer had then, and the one before it. */
    record Moved(UUID customerId, String type, Instant occurredAt, String owner, String previousOwner, String reason,
                 BigDecimal amount, String currency) {
    }

    private List<Moved> facts(Set<String> types, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT f.customer_id, f.type, f.occurred_at, f.facts->>'reason' AS reason,
                               f.facts->>'amount' AS amount, f.facts->>'currency' AS currency,
                               (SELECT o.facts->>'owner' FROM report_fact o WHERE o.customer_id = f.customer_id
                                  AND o.sequence <= f.sequence AND jsonb_exists(o.facts, 'owner')
                                ORDER BY o.sequence DESC LIMIT 1) AS owner,
                               (SELECT o.facts->>'owner' FROM report_fact o WHERE o.customer_id = f.customer_id
                                  AND o.sequence < f.sequence AND jsonb_exists(o.facts, 'owner')
                                ORDER BY o.sequence DESC LIMIT 1) AS previous_owner
                        FROM report_fact f
                        WHERE f.type = ANY(:types) AND f.occurred_at >= :from AND f.occurred_at < :to
                        ORDER BY f.occurred_at, f.customer_id, f.sequence""")
                .param("types", types.toArray(String[]::new)).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new Moved(row.getObject("customer_id", UUID.class), row.getString("type"),
                        row.getTimestamp("occurred_at").toInstant(), row.getString("owner"),
                        row.getString("previous_owner"), row.getString("reason"),
                        row.getString("amount") == null ? null : new BigDecimal(row.getString("amount")),
                        row.getString("currency")))
                .list();
    }

    /** The briefing's figures of one key in one period. */
    private static final class Figures {
        long registered;
        long visits;
        long purchases;
        long claimed;
        long returned;
        final Map<String, BigDecimal> amounts = new TreeMap<>();

        void add(Moved fact) {
            switch (fact.type()) {
                case "CustomerRegistered" -> registered++;
                case "VisitRecorded" -> visits++;
                case "PurchaseRecorded" -> {
                    purchases++;
                    if (fact.amount() != null && fact.currency() != null) {
                        amounts.merge(fact.currency(), fact.amount(), BigDecimal::add);
                    }
                }
                case "CustomerClaimed" -> claimed++;
                case "CustomerReturnedToPool" -> returned++;
                default -> {
                }
            }
        }

        List<Money> totals() {
            // amounts as money is written: at least two decimals (100.50, not 100.5)
            return amounts.entrySet().stream().map(e -> new Money(e.getKey(),
                    e.getValue().setScale(Math.max(2, e.getValue().scale()), java.math.RoundingMode.UNNECESSARY))).toList();
        }
    }
}
