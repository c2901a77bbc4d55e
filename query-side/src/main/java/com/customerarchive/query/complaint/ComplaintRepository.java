package com.customerarchive.query.complaint;

import com.customerarchive.events.ComplaintCategory;
import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.events.Responsibility;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.rules.ArchiveRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Complaints as managers look at them: age, target and breach judged at an instant against the configured rules; each
 * belongs to its customer's owner of today.
 */
@Repository
class ComplaintRepository {

    /** Hours from filing (or the last reopening) to the resolution, or to :asOf while open. */
    private static final String AGE_SECONDS = """
            extract(epoch FROM (CASE WHEN status IN ('FILED', 'ASSIGNED', 'REOPENED') THEN :asOf ELSE resolved_at END)
                - opened_at)""";
    private static final String FIND = """
            SELECT complaint_id, customer_id, owner_id, category, severity, status, description, assignee,
                   responsibility, satisfaction, filed_at, resolved_at, closed_at,
                   age_seconds / 3600.0 AS age_hours, target_seconds / 3600.0 AS target_hours, is_breached
            FROM (
                SELECT complaint_id, customer_id, owner_id, category, severity, status, description, assignee,
                       responsibility, satisfaction, filed_at, resolved_at, closed_at,
                       {age} AS age_seconds, {target} AS target_seconds,
                       (status IN ('FILED', 'ASSIGNED', 'REOPENED') AND {age} > {target}) AS is_breached
                FROM complaint LEFT JOIN {owners} owners USING (customer_id)
                WHERE filed_at <= :asOf
                  AND (CAST(:status AS varchar) IS NULL OR status = :status)
                  AND (CAST(:severity AS varchar) IS NULL OR severity = :severity)
                  AND (CAST(:owner AS text[]) IS NULL OR owner_id = ANY(CAST(:owner AS text[])))
                  AND (CAST(:customer AS uuid) IS NULL OR customer_id = :customer)
            ) judged
            WHERE CAST(:breached AS boolean) IS NULL OR is_breached = :breached
            ORDER BY is_breached DESC, age_seconds - target_seconds DESC, complaint_id
            """.replace("{age}", AGE_SECONDS).replace("{target}", ArchiveRules.TARGET_SECONDS_OF_SEVERITY)
            .replace("{owners}", OwnerRepository.CURRENT_OWNERS);

    private final JdbcClient jdbc;
    private final ArchiveRules rules;

    ComplaintRepository(JdbcClient jdbc, ArchiveRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    record ComplaintFilter(ComplaintStatus status, ComplaintSeverity severity, Boolean breached, String[] owners,
                           UUID customerId, Instant asOf) {
    }

    record ComplaintView(UUID complaintId, UUID customerId, String ownerId, ComplaintCategory category,
                         ComplaintSeverity severity, ComplaintStatus status, String description, String assignee,
                         Responsibility responsibility, Integer satisfaction, Instant filedAt, Instant resolvedAt,
                         Instant closedAt, double ageHours, double targetHours, boolean breached) {
    }

    /** The complaints matching every given filter, breached first, then the furthest past their target. */
    List<ComplaintView> mostUrgentFirst(ComplaintFilter filter) {
        return jdbc.sql(FIND)
                .params(rules.targetParameters())
                .param("asOf", Timestamp.from(filter.asOf()))
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("severity", filter.severity() == null ? null : filter.severity().name())
                .param("owner", filter.owners()).param("customer", filter.customerId())
                .param("breached", filter.breached())
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
