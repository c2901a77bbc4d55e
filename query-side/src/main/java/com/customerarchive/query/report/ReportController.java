package com.customerarchive.query.report;

import com.customerarchive.events.Grade;
import com.customerarchive.query.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Management reports: grade migration and rep activity")
class ReportController {

    private final JdbcClient jdbc;

    ReportController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Migration(Instant from, Instant to, Map<Grade, Map<Grade, Long>> matrix, Map<Grade, Long> entered) {
    }

    @GetMapping("/grade-migration")
    @Operation(summary = "How customers moved between grades", description = "matrix[g1][g2]: customers with grade "
            + "g1 at from and g2 at to (by occurredAt); entered[g]: customers registered in between, by grade at to.")
    Migration gradeMigration(@RequestParam Instant from, @RequestParam Instant to) {
        requireOrder(from, to);
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

    @GetMapping("/activity")
    @Operation(summary = "What happened to each rep's customers in a period", description = "Visits per owner and "
            + "method, complaints filed and resolved, grades moved up (towards A) and down; by occurredAt.")
    Activity activity(@RequestParam Instant from, @RequestParam Instant to,
                      @RequestParam(required = false) String ownerId) {
        requireOrder(from, to);
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

    private static void requireOrder(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new BadRequestException("from", "must be before to");
        }
    }
}
