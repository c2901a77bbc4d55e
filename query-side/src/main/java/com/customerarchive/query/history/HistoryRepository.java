package com.customerarchive.query.history;

import com.customerarchive.events.card.CardFields;
import com.customerarchive.query.core.EventContext;
import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.events.FieldChange;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.privacy.Redaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.customerarchive.events.ContactRole;
import com.customerarchive.events.Grade;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.VisitRecordedEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit read models: every event, every changed field, every grade, per customer. */
@Repository
public class HistoryRepository {

    private final JdbcClient jdbc;
    private final RowAppender appender;
    private final ObjectMapper json;

    private final Redaction redaction;

    HistoryRepository(JdbcClient jdbc, RowAppender appender, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                      Redaction redaction) {
        this.jdbc = jdbc;
        this.appender = appender;
        this.json = json;
        this.redaction = redaction;
    }

    static final String EVENTS = "history_event";
    static final String FIELD_CHANGES = "field_change";
    static final String GRADES = "grade_change";

    /** A grade the timeline shows: the registration's, or a change. */
    record GradeRow(PassEvent event, String from, String to, String reason) {
    }

    private static final List<Column> EVENT_COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("type"), Column.of("occurred_at"), Column.of("recorded_at"), Column.of("actor"),
            Column.of("correlation_id"), Column.json("data"), Column.json("changes"));
    private static final List<Column> CHANGE_COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("field"), Column.of("occurred_at"), Column.of("actor"), Column.json("from_value"),
            Column.json("to_value"));
    private static final List<Column> GRADE_COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("occurred_at"), Column.of("from_grade"), Column.of("to_grade"), Column.of("reason"),
            Column.of("actor"));

    void addEvents(Tables tables, List<PassEvent> events) {
        appender.append(tables, EVENTS, EVENT_COLUMNS, "customer_id, sequence", events.stream()
                .map(event -> new Object[]{event.customerId(), event.sequence(), EventContext.typeOf(event.event()),
                        event.context().occurredAt(), event.context().recordedAt(), event.context().actor(),
                        event.context().correlationId(), event.json(json), write(event.changes())})
                .toList());
    }

    void addFieldChanges(Tables tables, List<PassEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        for (PassEvent event : events) {
            for (FieldChange change : event.changes()) {
                rows.add(new Object[]{event.customerId(), event.sequence(), change.field(), event.context().occurredAt(),
                        event.context().actor(), change.from() == null ? null : write(change.from()),
                        change.to() == null ? null : write(change.to())});
            }
        }
        appender.append(tables, FIELD_CHANGES, CHANGE_COLUMNS, "customer_id, sequence, field", rows);
    }

    void addGrades(Tables tables, List<GradeRow> grades) {
        appender.append(tables, GRADES, GRADE_COLUMNS, "customer_id, sequence", grades.stream()
                .map(grade -> new Object[]{grade.event().customerId(), grade.event().sequence(),
                        grade.event().context().occurredAt(), grade.from(), grade.to(), grade.reason(),
                        grade.event().context().actor()})
                .toList());
    }

    /** An event of the history as an erasure leaves it. */
    private record Redacted(long sequence, String data, String changes) {
    }

    /**
     * Blanks the personal fields (or the one field destroyed) in every stored event and change list of the customer,
     * rewritten in one statement.
     */
    void redactHistory(Tables tables, Erasure erasure) {
        String table = tables.of(EVENTS);
        UUID customerId = erasure.customerId();
        List<Redacted> events = jdbc.sql("SELECT sequence, type, data::text AS data, changes::text AS changes FROM "
                        + table + " WHERE customer_id = :id")
                .param("id", customerId)
                .query((row, n) -> new Redacted(row.getLong("sequence"),
                        redaction.eventData(row.getString("type"), row.getString("data"), Redaction.ERASED,
                                erasure.field()),
                        redaction.changes(row.getString("changes"), Redaction.ERASED, erasure.field())))
                .list();
        if (events.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE " + table + " AS event SET data = CAST(redacted.data AS jsonb), "
                        + "changes = CAST(redacted.changes AS jsonb) "
                        + "FROM unnest(:sequences, :data, :changes) AS redacted(sequence, data, changes) "
                        + "WHERE event.customer_id = :id AND event.sequence = redacted.sequence")
                .param("id", customerId)
                .param("sequences", SqlArrays.longs(events.stream().map(Redacted::sequence).toList()))
                .param("data", SqlArrays.texts(events.stream().map(Redacted::data).toList()))
                .param("changes", SqlArrays.texts(events.stream().map(Redacted::changes).toList()))
                .update();
    }

    /**
     * Blanks both values of every change of a personal field (or of the one destroyed) of the customer, in one
     * statement.
     */
    void redactFieldChanges(Tables tables, Erasure erasure) {
        String table = tables.of(FIELD_CHANGES);
        UUID customerId = erasure.customerId();
        List<String> personal = jdbc.sql("SELECT DISTINCT field FROM " + table + " WHERE customer_id = :id")
                .param("id", customerId).query(String.class).list().stream().filter(Redaction::isPersonal)
                .filter(field -> erasure.covers(CardFields.personalFieldOf(field).orElse(null))).toList();
        if (personal.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE " + table + """
                         SET from_value = CASE WHEN from_value IS NULL THEN NULL ELSE to_jsonb(CAST(:erased AS text)) END,
                            to_value = CASE WHEN to_value IS NULL THEN NULL ELSE to_jsonb(CAST(:erased AS text)) END
                        WHERE customer_id = :id AND field = ANY(:fields)""")
                .param("erased", Redaction.ERASED).param("id", customerId).param("fields", SqlArrays.texts(personal))
                .update();
    }

    /** @param marker what personal values read as (consent withdrawn), or null to show them */
    List<HistoryEntry> events(UUID customerId, int page, int size, String marker) {
        return jdbc.sql("""
                        SELECT sequence, type, occurred_at, recorded_at, actor, correlation_id, data, changes
                        FROM history_event WHERE customer_id = :id ORDER BY sequence LIMIT :limit OFFSET :offset""")
                .param("id", customerId).param("limit", size).param("offset", (long) page * size)
                .query((row, n) -> new HistoryEntry(row.getLong("sequence"), row.getString("type"),
                        row.getTimestamp("occurred_at").toInstant(), row.getTimestamp("recorded_at").toInstant(),
                        row.getString("actor"), row.getString("correlation_id"),
                        read(marker == null ? row.getString("data")
                                : redaction.eventData(row.getString("type"), row.getString("data"), marker)),
                        readChanges(marker == null ? row.getString("changes")
                                : redaction.changes(row.getString("changes"), marker))))
                .list();
    }

    /** The customer's visits in their order, from the audit history (where erasure already blinded the names). */
    public List<Visit> visits(UUID customerId, String marker) {
        return jdbc.sql("""
                        SELECT sequence, actor, data::text AS data FROM history_event
                        WHERE customer_id = :id AND type = 'VisitRecorded' ORDER BY sequence""")
                .param("id", customerId)
                .query((row, n) -> {
                    VisitRecordedEvent visit = readAs(row.getString("data"), VisitRecordedEvent.class);
                    return new Visit(visit.visitNo(), visit.visitedAt(), visit.method(),
                            visit.contact() == null ? null : marker != null ? marker : visit.contact().name(),
                            visit.contact() == null ? null : visit.contact().role(), visit.gradeAtVisit(), visit.notes(),
                            visit.conclusion(), visit.nextFollowUpOn(), row.getString("actor"), row.getLong("sequence"));
                })
                .list();
    }

    private <T> T readAs(String data, Class<T> type) {
        try {
            return json.readValue(data, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("history row not readable as " + type.getSimpleName(), e);
        }
    }

    /** A visit as the rep recorded it; {@code sequence} is its event's place in the customer's stream. */
    public record Visit(int visitNo, Instant visitedAt, VisitMethod method, String contactName, ContactRole contactRole,
                 Grade gradeAtVisit, String notes, String conclusion, LocalDate nextFollowUpOn, String recordedBy,
                 long sequence) {
    }

    long eventCount(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM history_event WHERE customer_id = :id").param("id", customerId)
                .query(Long.class).single();
    }

    List<FieldChangeEntry> changes(UUID customerId, String field, Instant from, Instant to, String marker) {
        StringBuilder sql = new StringBuilder("""
                SELECT occurred_at, sequence, actor, field, from_value, to_value FROM field_change
                WHERE customer_id = :id""");
        var query = new java.util.LinkedHashMap<String, Object>();
        query.put("id", customerId);
        if (field != null) {
            sql.append(" AND (field = :field OR field LIKE :prefix)");
            query.put("field", field);
            query.put("prefix", field.replace("%", "").replace("_", "\\_") + ".%");
        }
        if (from != null) {
            sql.append(" AND occurred_at >= :from");
            query.put("from", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < :to");
            query.put("to", Timestamp.from(to));
        }
        sql.append(" ORDER BY occurred_at, sequence, field");
        return jdbc.sql(sql.toString()).params(query)
                .query((row, n) -> {
                    boolean hidden = marker != null && Redaction.isPersonal(row.getString("field"));
                    Object was = readNullable(row.getString("from_value"));
                    Object now = readNullable(row.getString("to_value"));
                    return new FieldChangeEntry(row.getTimestamp("occurred_at").toInstant(), row.getLong("sequence"),
                            row.getString("actor"), row.getString("field"), hidden && was != null ? marker : was,
                            hidden && now != null ? marker : now);
                })
                .list();
    }

    List<GradeEntry> grades(UUID customerId) {
        return jdbc.sql("""
                        SELECT occurred_at, from_grade, to_grade, reason, actor,
                               floor(extract(epoch FROM occurred_at - lag(occurred_at) OVER w) / 86400)::int AS days
                        FROM grade_change WHERE customer_id = :id
                        WINDOW w AS (ORDER BY occurred_at, sequence)
                        ORDER BY occurred_at, sequence""")
                .param("id", customerId)
                .query((row, n) -> new GradeEntry(row.getTimestamp("occurred_at").toInstant(),
                        row.getString("from_grade"), row.getString("to_grade"), row.getString("reason"),
                        row.getString("actor"), (Integer) row.getObject("days")))
                .list();
    }

    record HistoryEntry(long sequence, String type, Instant occurredAt, Instant recordedAt, String actor,
                        String correlationId, Object data, List<FieldChange> changes) {
    }

    record FieldChangeEntry(Instant occurredAt, long sequence, String actor, String field, Object from, Object to) {
    }

    record GradeEntry(Instant occurredAt, String from, String to, String reason, String actor,
                      Integer daysInPreviousGrade) {
    }

    private String write(Object value) {
        if (value instanceof List<?> list && list.isEmpty()) {
            return "[]";
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not writable as JSON", e);
        }
    }

    private Object read(String value) {
        try {
            return json.readValue(value, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON not readable", e);
        }
    }

    private Object readNullable(String value) {
        try {
            return value == null ? null : json.readValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON not readable", e);
        }
    }

    private List<FieldChange> readChanges(String value) {
        try {
            return List.of(json.readValue(value, FieldChange[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored changes not readable", e);
        }
    }
}
