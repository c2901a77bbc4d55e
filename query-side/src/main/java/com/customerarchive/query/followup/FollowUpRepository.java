package com.customerarchive.query.followup;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.events.Grade;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.rules.ArchiveRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Who is due for contact: the follow-up schedule judged at an instant against each grade's cadence and the next
 * follow-up date the last contact agreed.
 */
@Repository
class FollowUpRepository {

    private static final String OVERDUE = """
            SELECT customer_id, name, owner_id, grade, cadence, last_contact_at, next_follow_up_on,
                   greatest(floor(days_since_contact - cadence)::bigint,
                            CAST(:asOfDay AS date) - COALESCE(next_follow_up_on, CAST(:asOfDay AS date))) AS days_overdue
            FROM (
                SELECT customer_id, name, owner_id, grade, last_contact_at, next_follow_up_on, registered_at,
                       {cadence} AS cadence,
                       extract(epoch FROM (:asOf - COALESCE(last_contact_at, registered_at))) / 86400 AS days_since_contact
                FROM follow_up LEFT JOIN {owners} owners USING (customer_id)
                WHERE status = 'ACTIVE' AND registered_at <= :asOf
                  AND (CAST(:owner AS text[]) IS NULL OR owner_id = ANY(CAST(:owner AS text[])))
                  AND (CAST(:grade AS varchar) IS NULL OR grade = :grade)
            ) judged
            WHERE COALESCE(last_contact_at, registered_at) + make_interval(days => cadence) < :asOf
               OR next_follow_up_on < CAST(:asOfDay AS date)
            ORDER BY greatest(days_since_contact - cadence,
                              CAST(:asOfDay AS date) - COALESCE(next_follow_up_on, CAST(:asOfDay AS date))) DESC, customer_id
            """.replace("{cadence}", ArchiveRules.CADENCE_DAYS_OF_GRADE)
            .replace("{owners}", OwnerRepository.CURRENT_OWNERS);

    private final JdbcClient jdbc;
    private final ArchiveRules rules;
    private final BusinessZone zone;

    FollowUpRepository(JdbcClient jdbc, ArchiveRules rules, BusinessZone zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.rules = rules;
    }

    record Overdue(UUID customerId, String name, String ownerId, Grade grade, int cadenceDays, Instant lastContactAt,
                   LocalDate nextFollowUpOn, long daysOverdue) {
    }

    /** Active customers past their grade's cadence at {@code asOf}, most overdue first; null owners or grade: all. */
    List<Overdue> overdueFor(String[] owners, Grade grade, Instant asOf) {
        return jdbc.sql(OVERDUE)
                .params(rules.cadenceParameters())
                .param("asOf", Timestamp.from(asOf)).param("asOfDay", java.sql.Date.valueOf(zone.dayOf(asOf)))
                .param("owner", owners)
                .param("grade", grade == null ? null : grade.name())
                .query((row, n) -> new Overdue(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getString("owner_id"), Grade.valueOf(row.getString("grade")), row.getInt("cadence"),
                        row.getTimestamp("last_contact_at") == null ? null : row.getTimestamp("last_contact_at").toInstant(),
                        row.getDate("next_follow_up_on") == null ? null : row.getDate("next_follow_up_on").toLocalDate(),
                        row.getLong("days_overdue")))
                .list();
    }
}
