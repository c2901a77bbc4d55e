package com.customerarchive.query.report;

import com.customerarchive.events.Grade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The management reports, from the grade timeline and the activity read models. */
@Repository
class ReportRepository {

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
}
