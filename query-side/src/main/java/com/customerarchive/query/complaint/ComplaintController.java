package com.customerarchive.query.complaint;

import com.customerarchive.events.ComplaintCategory;
import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.events.Responsibility;
import com.customerarchive.query.rules.ArchiveRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/complaints")
@Tag(name = "complaints", description = "Complaints with their age, resolution target and breach (客户抱怨)")
class ComplaintController {

    private static final String OPEN = "status IN ('FILED', 'ASSIGNED', 'REOPENED')";

    private final JdbcClient jdbc;
    private final ArchiveRules rules;
    private final Clock clock;

    ComplaintController(JdbcClient jdbc, ArchiveRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    record ComplaintView(UUID complaintId, UUID customerId, String ownerId, ComplaintCategory category,
                         ComplaintSeverity severity, ComplaintStatus status, String description, String assignee,
                         Responsibility responsibility, Integer satisfaction, Instant filedAt, Instant resolvedAt,
                         Instant closedAt, double ageHours, double targetHours, boolean breached) {
    }

    @GetMapping
    @Operation(summary = "Complaints, most urgent first", description = "ageHours counts from filing (or the last "
            + "reopening) to the resolution, or to asOf (default now) while open; breached: open past its target.")
    List<ComplaintView> complaints(@RequestParam(required = false) ComplaintStatus status,
                                   @RequestParam(required = false) ComplaintSeverity severity,
                                   @RequestParam(required = false) Boolean breached,
                                   @RequestParam(required = false) String ownerId,
                                   @RequestParam(required = false) UUID customerId,
                                   @RequestParam(required = false) Instant asOf) {
        Instant at = asOf != null ? asOf : clock.instant();
        String target = rules.targetSecondsSql("severity");
        String age = "extract(epoch FROM (CASE WHEN " + OPEN + " THEN :asOf ELSE resolved_at END) - opened_at)";
        String isBreached = "(" + OPEN + " AND " + age + " > " + target + ")";
        return jdbc.sql("SELECT *, " + age + " / 3600.0 AS age_hours, " + target + " / 3600.0 AS target_hours, "
                        + isBreached + " AS is_breached FROM complaint WHERE filed_at <= :asOf "
                        + "AND (CAST(:status AS varchar) IS NULL OR status = :status) "
                        + "AND (CAST(:severity AS varchar) IS NULL OR severity = :severity) "
                        + "AND (CAST(:owner AS varchar) IS NULL OR owner_id = :owner) "
                        + "AND (CAST(:customer AS uuid) IS NULL OR customer_id = :customer) "
                        + "AND (CAST(:breached AS boolean) IS NULL OR " + isBreached + " = :breached) "
                        + "ORDER BY " + isBreached + " DESC, " + age + " - " + target + " DESC, complaint_id")
                .param("asOf", Timestamp.from(at)).param("status", status == null ? null : status.name())
                .param("severity", severity == null ? null : severity.name()).param("owner", ownerId)
                .param("customer", customerId).param("breached", breached)
                .query((row, n) -> new ComplaintView(row.getObject("complaint_id", UUID.class),
                        row.getObject("customer_id", UUID.class), row.getString("owner_id"),
                        ComplaintCategory.valueOf(row.getString("category")),
                        ComplaintSeverity.valueOf(row.getString("severity")),
                        ComplaintStatus.valueOf(row.getString("status")), row.getString("description"),
                        row.getString("assignee"),
                        row.getString("responsibility") == null ? null : Responsibility.valueOf(row.getString("responsibility")),
                        (Integer) row.getObject("satisfaction"), instant(row.getTimestamp("filed_at")),
                        instant(row.getTimestamp("resolved_at")), instant(row.getTimestamp("closed_at")),
                        Math.round(row.getDouble("age_hours") * 100) / 100.0, row.getDouble("target_hours"),
                        row.getBoolean("is_breached")))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
