package com.customerarchive.query.report;

import com.customerarchive.events.Grade;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Totals;
import com.customerarchive.query.rules.ArchiveRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The management reports, from the grade timeline and the activity read models. */
@Repository
class ReportRepository {

    private final JdbcClient jdbc;
    private final ArchiveRules rules;

    ReportRepository(JdbcClient jdbc, ArchiveRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    record Migration(Instant from, Instant to, Map<Grade, Map<Grade, Long>> matrix, Map<Grade, Long> entered) {
    }

    /** Customers by grade at {@code from} and at {@code to} (by occurredAt), and those registered in between. */
    Migration gradeMigration(Instant from, Instant to) {
        Map<Grade, Map<Grade, Long>> matrix = new LinkedHashMap<>();
        Map<Grade, Long> entered = new LinkedHashMap<>();
        for (Grade row : Grade.values()) {
            Map<Grade, Long> cells = new LinkedHashMap<>();
            for (Grade column : Grade.values()) {
                cells.put(column, 0L);
            }
            matrix.put(row, cells);
            entered.put(row, 0L);
        }
        jdbc.sql("""
                        WITH at_from AS (SELECT DISTINCT ON (customer_id) customer_id, to_grade FROM grade_change
                                         WHERE occurred_at <= :from ORDER BY customer_id, occurred_at DESC, sequence DESC),
                             at_to AS (SELECT DISTINCT ON (customer_id) customer_id, to_grade FROM grade_change
                                       WHERE occurred_at <= :to ORDER BY customer_id, occurred_at DESC, sequence DESC)
                        SELECT f.to_grade AS from_grade, t.to_grade AS to_grade, count(*) AS customers
                        FROM at_to t LEFT JOIN at_from f USING (customer_id)
                        GROUP BY f.to_grade, t.to_grade""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(row -> {
                    Grade now = Grade.valueOf(row.getString("to_grade"));
                    String before = row.getString("from_grade");
                    if (before == null) {
                        entered.put(now, row.getLong("customers"));
                    } else {
                        matrix.get(Grade.valueOf(before)).put(now, row.getLong("customers"));
                    }
                });
        return new Migration(from, to, matrix, entered);
    }

    record OwnerActivity(String ownerId, long visits, Map<String, Long> visitsByMethod, long complaintsFiled,
                         long complaintsResolved, long gradeUps, long gradeDowns) {
    }

    record Activity(Instant from, Instant to, java.util.List<OwnerActivity> owners) {
    }

    /** Per owner: visits by method, complaints filed and resolved, grades moved up and down, in [from, to). */
    Activity activity(Instant from, Instant to, String ownerId) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, Long>> methods = new TreeMap<>();
        jdbc.sql("""
                        SELECT owner_id, kind, detail, count(*) AS n FROM activity
                        WHERE occurred_at >= :from AND occurred_at < :to
                          AND (CAST(:owner AS varchar) IS NULL OR owner_id = :owner)
                        GROUP BY owner_id, kind, detail""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("owner", ownerId)
                .query(row -> {
                    String owner = row.getString("owner_id");
                    long n = row.getLong("n");
                    long[] c = counts.computeIfAbsent(owner, o -> new long[5]);
                    switch (row.getString("kind")) {
                        case "VISIT" -> {
                            c[0] += n;
                            methods.computeIfAbsent(owner, o -> new TreeMap<>()).merge(row.getString("detail"), n, Long::sum);
                        }
                        case "COMPLAINT_FILED" -> c[1] += n;
                        case "COMPLAINT_RESOLVED" -> c[2] += n;
                        case "GRADE_UP" -> c[3] += n;
                        case "GRADE_DOWN" -> c[4] += n;
                        default -> { }
                    }
                });
        return new Activity(from, to, counts.entrySet().stream().map(entry -> new OwnerActivity(entry.getKey(),
                entry.getValue()[0], methods.getOrDefault(entry.getKey(), Map.of()), entry.getValue()[1],
                entry.getValue()[2], entry.getValue()[3], entry.getValue()[4])).toList());
    }

    /** The dimensions statistics group customers by, as columns of one customer's row (lifecycle is added in Java). */
    static final Map<String, String> DIMENSIONS = Map.of(
            "source", "p.state ->> 'source'", "province", "p.state #>> '{card,basic,address,province}'",
            "city", "p.city", "industry", "p.state #>> '{card,basic,industry}'", "grade", "p.grade",
            "tier", "p.tier", "nature", "p.nature", "owner", "p.owner_id");

    private static final String CUSTOMER_COUNTS = """
            SELECT p.customer_id, {key} AS key, p.registered_at >= :from AS is_new,
                   COALESCE(v.visits, 0) AS visits, COALESCE(b.purchases, 0) AS purchases, b.currencies, b.amounts,
                   COALESCE(c.complaints, 0) AS complaints
            FROM profile p
            LEFT JOIN (SELECT customer_id, count(*) AS visits FROM activity
                       WHERE kind = 'VISIT' AND occurred_at >= :from AND occurred_at < :to GROUP BY customer_id) v
                   ON v.customer_id = p.customer_id
            LEFT JOIN (SELECT s.customer_id, sum(s.n) AS purchases, {totals}
                       FROM (SELECT customer_id, currency, count(*) AS n, sum(amount) AS total FROM purchase
                             WHERE NOT cancelled AND purchased_at >= :from AND purchased_at < :to
                             GROUP BY customer_id, currency) s
                       GROUP BY s.customer_id) b
                   ON b.customer_id = p.customer_id
            LEFT JOIN (SELECT customer_id, count(*) AS complaints FROM complaint
                       WHERE filed_at >= :from AND filed_at < :to GROUP BY customer_id) c
                   ON c.customer_id = p.customer_id
            WHERE p.registered_at < :to
            """.replace("{totals}", Totals.AGGREGATED);

    /** One customer's figures in a period, under the key of the chosen dimension; its purchases' totals per currency. */
    record CustomerCounts(UUID customerId, String key, boolean newCustomer, long visits, long purchases,
                          List<Amount> totals, long complaints) {
    }

    /** Every customer registered before {@code to}, with what happened to it in [from, to); {@code by} is a key of {@link #DIMENSIONS}. */
    List<CustomerCounts> customerCounts(String by, Instant from, Instant to) {
        String key = by == null ? "NULL" : DIMENSIONS.get(by);
        return jdbc.sql(CUSTOMER_COUNTS.replace("{key}", key))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((row, n) -> new CustomerCounts(row.getObject("customer_id", UUID.class), row.getString("key"),
                        row.getBoolean("is_new"), row.getLong("visits"), row.getLong("purchases"),
                        Totals.read(row), row.getLong("complaints")))
                .list();
    }

    /** The dimensions complaints are analysed by (留档分析). */
    static final Map<String, String> COMPLAINT_DIMENSIONS = Map.of("category", "category", "severity", "severity",
            "responsibility", "COALESCE(responsibility, 'NOT_RESOLVED')", "owner", "owner_id");

    private static final String COMPLAINT_ANALYSIS = """
            SELECT {key} AS key,
                   count(*) FILTER (WHERE filed_at >= :from AND filed_at < :to) AS filed,
                   count(*) FILTER (WHERE resolved_at >= :from AND resolved_at < :to) AS resolved,
                   count(*) FILTER (WHERE filed_at < :to AND extract(epoch FROM (LEAST(COALESCE(resolved_at, :to), :to)
                                    - opened_at)) > {target}) AS breached,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (resolved_at - filed_at)) / 3600)
                       FILTER (WHERE resolved_at >= :from AND resolved_at < :to) AS median_hours,
                   avg(satisfaction) FILTER (WHERE resolved_at >= :from AND resolved_at < :to) AS satisfaction
            FROM complaint LEFT JOIN {owners} owners USING (customer_id)
            WHERE filed_at < :to AND (resolved_at IS NULL OR resolved_at >= :from OR filed_at >= :from)
            GROUP BY 1 ORDER BY 2 DESC, 1
            """;

    record ComplaintAnalysis(String key, long filed, long resolved, long breached, Double medianHoursToResolve,
                             Double averageSatisfaction) {
    }

    /**
     * Complaints in [from, to) by a key of {@link #COMPLAINT_DIMENSIONS}: breached counts open past target at {@code to}
     * (one resolved after {@code to} was open then) or resolved late within the period.
     */
    List<ComplaintAnalysis> complaintAnalysis(String by, Instant from, Instant to) {
        return jdbc.sql(COMPLAINT_ANALYSIS.replace("{key}", COMPLAINT_DIMENSIONS.get(by))
                        .replace("{target}", ArchiveRules.TARGET_SECONDS_OF_SEVERITY)
                        .replace("{owners}", OwnerRepository.CURRENT_OWNERS))
                .params(rules.targetParameters())
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((row, n) -> new ComplaintAnalysis(row.getString("key"), row.getLong("filed"),
                        row.getLong("resolved"), row.getLong("breached"), rounded(row.getObject("median_hours")),
                        rounded(row.getObject("satisfaction"))))
                .list();
    }

    private static Double rounded(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 100) / 100.0;
    }

    /** A referrer, the customers naming it, and what those bought per currency (cancelled purchases left out). */
    record Referrer(UUID customerId, String name, long referred, List<Amount> totals) {
    }

    /** Referrers by the customers naming them (registered in [from, to); null from: since ever), most first. */
    List<Referrer> referrers(Instant from, Instant to) {
        return jdbc.sql("""
                        WITH referred AS (
                            SELECT customer_id, referred_by FROM profile
                            WHERE referred_by IS NOT NULL AND registered_at < :to
                              AND (CAST(:from AS timestamptz) IS NULL OR registered_at >= :from)),
                        bought AS (
                            SELECT s.referrer, {totals}
                            FROM (SELECT r.referred_by AS referrer, b.currency, sum(b.amount) AS total
                                  FROM referred r JOIN purchase b ON b.customer_id = r.customer_id AND NOT b.cancelled
                                  GROUP BY r.referred_by, b.currency) s
                            GROUP BY s.referrer)
                        SELECT referrer.customer_id, referrer.name, count(*) AS referred, bought.currencies, bought.amounts
                        FROM referred r
                        JOIN profile referrer ON CAST(referrer.customer_id AS varchar) = r.referred_by
                        LEFT JOIN bought ON bought.referrer = r.referred_by
                        GROUP BY referrer.customer_id, referrer.name, bought.currencies, bought.amounts
                        ORDER BY referred DESC, referrer.customer_id""".replace("{totals}", Totals.AGGREGATED))
                .param("from", from == null ? null : Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((row, n) -> new Referrer(row.getObject("customer_id", UUID.class),
                        row.getString("name"), row.getLong("referred"), Totals.read(row)))
                .list();
    }
}
