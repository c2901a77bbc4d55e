package com.customerarchive.query.followup;

import com.customerarchive.events.Grade;
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
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/follow-ups")
@Tag(name = "follow-ups", description = "Who is due for contact by the cadence of their grade (客户追踪志)")
class FollowUpController {

    private final JdbcClient jdbc;
    private final ArchiveRules rules;
    private final Clock clock;

    FollowUpController(JdbcClient jdbc, ArchiveRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    record Overdue(UUID customerId, String name, String ownerId, Grade grade, int cadenceDays, Instant lastContactAt,
                   LocalDate nextFollowUpOn, long daysOverdue) {
    }

    @GetMapping("/overdue")
    @Operation(summary = "Active customers whose last contact (or registration) is further back than their "
            + "grade's cadence, most overdue first", description = "asOf: the instant to judge at (default now).")
    List<Overdue> overdue(@RequestParam(required = false) String ownerId, @RequestParam(required = false) Grade grade,
                          @RequestParam(required = false) Instant asOf) {
        Instant at = asOf != null ? asOf : clock.instant();
        String cadence = rules.cadenceSql("grade");
        String sinceContact = "extract(epoch FROM (:asOf - COALESCE(last_contact_at, registered_at))) / 86400";
        return jdbc.sql("SELECT customer_id, name, owner_id, grade, " + cadence + " AS cadence, last_contact_at, "
                        + "next_follow_up_on, floor(" + sinceContact + " - " + cadence + ")::bigint AS days_overdue "
                        + "FROM follow_up WHERE status = 'ACTIVE' AND registered_at <= :asOf "
                        + "AND COALESCE(last_contact_at, registered_at) + make_interval(days => " + cadence + ") < :asOf "
                        + "AND (CAST(:owner AS varchar) IS NULL OR owner_id = :owner) "
                        + "AND (CAST(:grade AS varchar) IS NULL OR grade = :grade) "
                        + "ORDER BY " + sinceContact + " - " + cadence + " DESC, customer_id")
                .param("asOf", Timestamp.from(at)).param("owner", ownerId)
                .param("grade", grade == null ? null : grade.name())
                .query((row, n) -> new Overdue(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getString("owner_id"), Grade.valueOf(row.getString("grade")), row.getInt("cadence"),
                        row.getTimestamp("last_contact_at") == null ? null : row.getTimestamp("last_contact_at").toInstant(),
                        row.getDate("next_follow_up_on") == null ? null : row.getDate("next_follow_up_on").toLocalDate(),
                        row.getLong("days_overdue")))
                .list();
    }
}
