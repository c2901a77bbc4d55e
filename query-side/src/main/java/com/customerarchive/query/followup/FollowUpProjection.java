package com.customerarchive.query.followup;

import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Rows;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.privacy.Redaction;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The follow-up schedule: each customer's grade, status and last contact (its owner is the profile's, joined where
 * the schedule is read). Rows not held are read in one query per batch, folded in memory and written once per flush;
 * the row's version (the customer's, at its last change) guards replays.
 */
@Component
class FollowUpProjection implements ReadModel {

    static final String NAME = "follow-ups";
    static final String TABLE = "follow_up";
    private static final int HELD_ROWS = 100_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    FollowUpProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** One customer's row of the schedule. */
    private static final class Row {
        UUID customerId;
        long version;
        String grade;
        String status;
        String name;
        Instant registeredAt;
        Instant lastContactAt;
        LocalDate nextFollowUpOn;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Writer writer(Tables tables) {
        Rows<UUID, Row> rows = new Rows<>(HELD_ROWS, tables);
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                rows.load(events.stream().map(PassEvent::customerId).toList(), ids -> load(tables, ids));
                for (PassEvent event : events) {
                    Row row = rows.get(event.customerId());
                    if (event.event() instanceof CustomerRegisteredEvent registered) {
                        if (row != null) {
                            continue;
                        }
                        row = new Row();
                        row.customerId = event.customerId();
                        row.grade = registered.grade().name();
                        row.status = "ACTIVE";
                        row.name = registered.card().name();
                        row.registeredAt = event.context().occurredAt();
                    } else if (row == null || row.version >= event.sequence() || !fold(row, event)) {
                        continue;
                    }
                    row.version = event.sequence();
                    rows.put(row.customerId, row);
                }
            }

            @Override
            public void flush() {
                save(tables, rows.changed());
                rows.flushed();
            }
        };
    }

    /** @return whether the event changes the schedule */
    private static boolean fold(Row row, PassEvent passEvent) {
        Object event = passEvent.event();
        if (event instanceof GradeChangedEvent changed) {
            row.grade = changed.to().name();
        } else if (event instanceof ProfileCardEditedEvent edited) {
            row.name = edited.card().name();
        } else if (event instanceof PersonalDataErasedEvent) {
            row.name = Redaction.ERASED;
        } else if (event instanceof PersonalDataFieldDestroyedEvent destroyed && "basic.name".equals(destroyed.field())) {
            row.name = Redaction.ERASED;
        } else if (event instanceof CustomerArchivedEvent) {
            row.status = "ARCHIVED";
        } else if (event instanceof CustomerReactivatedEvent) {
            row.status = "ACTIVE";
        } else if (event instanceof com.customerarchive.events.CustomerMergedEvent) {
            // a duplicate merged into another is followed up as that other one: it leaves the schedules
            row.status = "MERGED";
        } else if (event instanceof ComplaintFollowedUpEvent) {
            // a complaint's return visit is a contact too; it supersedes a follow-up date agreed before
            Instant at = passEvent.context().occurredAt();
            if (row.lastContactAt == null || !row.lastContactAt.isAfter(at)) {
                row.lastContactAt = at;
                row.nextFollowUpOn = null;
            }
        } else if (event instanceof VisitRecordedEvent visit) {
            // the latest contact counts; a visit recorded late for an earlier day does not move it back
            Instant visitedAt = visit.visitedAt() != null ? visit.visitedAt() : passEvent.context().occurredAt();
            if (row.lastContactAt == null || !row.lastContactAt.isAfter(visitedAt)) {
                row.nextFollowUpOn = visit.nextFollowUpOn();
                row.lastContactAt = visitedAt;
            }
        } else {
            return false;
        }
        return true;
    }

    private Map<UUID, Row> load(Tables tables, java.util.Collection<UUID> customers) {
        Map<UUID, Row> rows = new HashMap<>();
        jdbc.sql("SELECT customer_id, version, grade, status, name, registered_at, last_contact_at, "
                        + "next_follow_up_on FROM " + tables.of(TABLE) + " WHERE customer_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(customers))
                .query((result, n) -> {
                    Row row = new Row();
                    row.customerId = result.getObject("customer_id", UUID.class);
                    row.version = result.getLong("version");
                    row.grade = result.getString("grade");
                    row.status = result.getString("status");
                    row.name = result.getString("name");
                    row.registeredAt = result.getTimestamp("registered_at").toInstant();
                    Timestamp lastContact = result.getTimestamp("last_contact_at");
                    row.lastContactAt = lastContact == null ? null : lastContact.toInstant();
                    Date next = result.getDate("next_follow_up_on");
                    row.nextFollowUpOn = next == null ? null : next.toLocalDate();
                    return row;
                })
                .list().forEach(row -> rows.put(row.customerId, row));
        return rows;
    }

    private void save(Tables tables, java.util.Collection<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String table = tables.of(TABLE);
        batches.batchUpdate("INSERT INTO " + table + """
                         (customer_id, version, grade, status, name, registered_at, last_contact_at,
                          next_follow_up_on)
                        VALUES (:id, :version, :grade, :status, :name, :registeredAt, :lastContactAt, :next)
                        ON CONFLICT (customer_id) DO UPDATE SET version = EXCLUDED.version,
                            grade = EXCLUDED.grade, status = EXCLUDED.status,
                            name = EXCLUDED.name, last_contact_at = EXCLUDED.last_contact_at,
                            next_follow_up_on = EXCLUDED.next_follow_up_on
                        WHERE\s""" + table + ".version < EXCLUDED.version",
                rows.stream().map(row -> new MapSqlParameterSource()
                        .addValue("id", row.customerId).addValue("version", row.version)
                        .addValue("grade", row.grade).addValue("status", row.status)
                        .addValue("name", row.name).addValue("registeredAt", Timestamp.from(row.registeredAt))
                        .addValue("lastContactAt", row.lastContactAt == null ? null : Timestamp.from(row.lastContactAt))
                        .addValue("next", row.nextFollowUpOn == null ? null : Date.valueOf(row.nextFollowUpOn)))
                        .toArray(SqlParameterSource[]::new));
    }
}
