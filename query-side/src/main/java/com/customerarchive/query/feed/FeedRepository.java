package com.customerarchive.query.feed;

import com.customerarchive.query.history.EventContext;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.pass.SqlArrays;
import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.query.privacy.Redaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads the feed in position order, each entry as a CloudEvent 1.0 (JSON format). */
@Repository
public class FeedRepository {

    static final String TYPE_PREFIX = "customerarchive.";
    static final String SOURCE = "urn:customer-archive:command-side";

    static final String EVENTS = "feed_event";
    static final String CONSENT = "feed_consent";

    private static final List<Column> COLUMNS = List.of(Column.of("position"), Column.of("event_id"),
            Column.of("customer_id"), Column.of("sequence"), Column.of("type"), Column.of("occurred_at"),
            Column.of("recorded_at"), Column.of("actor"), Column.json("data"));

    private final JdbcClient jdbc;
    private final RowAppender appender;
    private final ObjectMapper json;
    private final Redaction redaction;

    FeedRepository(JdbcClient jdbc, RowAppender appender, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                   Redaction redaction) {
        this.jdbc = jdbc;
        this.appender = appender;
        this.json = json;
        this.redaction = redaction;
    }

    /** Which of these events the feed already has. */
    Set<String> present(List<String> eventIds) {
        return new HashSet<>(jdbc.sql("SELECT event_id FROM feed_event WHERE event_id = ANY(:ids)")
                .param("ids", SqlArrays.texts(eventIds)).query(String.class).list());
    }

    /**
     * The events at the positions from {@code next} on, in their order. The single writer (the pass holds its lock)
     * counts on from the highest position, inside the transaction that stores its own position.
     */
    void append(List<PassEvent> events, long next) {
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(events.size());
        for (PassEvent event : events) {
            rows.add(new Object[]{next++, event.eventId(), event.customerId(), event.sequence(),
                    EventContext.typeOf(event.event()), event.context().occurredAt(), event.context().recordedAt(),
                    event.context().actor(), event.json(json)});
        }
        // the feed's single writer filtered out what the feed holds: nothing can conflict
        appender.copy(EVENTS, COLUMNS, rows);
    }

    /** Entries already written read otherwise from now on: live subscribers drop the pages they share. */
    void revise() {
        jdbc.sql("UPDATE feed_revision SET revision = revision + 1 WHERE id = 1").update();
    }

    /** The newest position and the revision of what written entries read as, in one look. */
    record Head(long position, long revision) {
    }

    Head headAndRevision() {
        return jdbc.sql("SELECT (SELECT COALESCE(max(position), 0) FROM feed_event), "
                        + "(SELECT revision FROM feed_revision WHERE id = 1)")
                .query((row, n) -> new Head(row.getLong(1), row.getLong(2))).single();
    }

    void consent(UUID customerId, boolean withdrawn, long version) {
        jdbc.sql("""
                        INSERT INTO feed_consent (customer_id, withdrawn, version) VALUES (:customer, :withdrawn, :version)
                        ON CONFLICT (customer_id) DO UPDATE SET withdrawn = EXCLUDED.withdrawn, version = EXCLUDED.version
                        WHERE feed_consent.version < EXCLUDED.version""")
                .param("customer", customerId).param("withdrawn", withdrawn).param("version", version).update();
    }

    /** The customer's entries keep their positions; their personal fields (or one) read "[erased]" from now on. */
    void redact(Erasure erasure) {
        jdbc.sql("SELECT position, type, data::text AS data FROM feed_event WHERE customer_id = :id")
                .param("id", erasure.customerId())
                .query((row, n) -> Map.of("position", row.getLong("position"),
                        "data", redaction.eventData(row.getString("type"), row.getString("data"), Redaction.ERASED,
                                erasure.field())))
                .list()
                .forEach(row -> jdbc.sql("UPDATE feed_event SET data = CAST(:data AS jsonb) WHERE position = :position")
                        .params(row).update());
    }

    /** A feed entry: its position, its type, its customer (the CloudEvent's subject) and its CloudEvent JSON. */
    public record Entry(long position, String type, String subject, String cloudEvent) {
    }

    public long head() {
        return jdbc.sql("SELECT COALESCE(max(position), 0) FROM feed_event").query(Long.class).single();
    }

    /** Up to {@code limit} entries after {@code after}, in position order; filters never reorder. */
    public List<Entry> page(long after, int limit, String type, UUID customerId) {
        return jdbc.sql("""
                        SELECT position, event_id, customer_id, sequence, type, occurred_at, recorded_at, actor,
                               data::text AS data, COALESCE(feed_consent.withdrawn, FALSE) AS withheld
                        FROM feed_event LEFT JOIN feed_consent USING (customer_id)
                        WHERE position > :after
                          AND (CAST(:type AS varchar) IS NULL OR type = :type)
                          AND (CAST(:customer AS uuid) IS NULL OR customer_id = :customer)
                        ORDER BY position LIMIT :limit""")
                .param("after", after).param("limit", limit).param("type", type).param("customer", customerId)
                .query((row, n) -> {
                    String eventType = TYPE_PREFIX + row.getString("type");
                    Map<String, Object> cloudEvent = new LinkedHashMap<>();
                    cloudEvent.put("specversion", "1.0");
                    cloudEvent.put("id", row.getString("event_id"));
                    cloudEvent.put("source", SOURCE);
                    cloudEvent.put("type", eventType);
                    cloudEvent.put("subject", row.getString("customer_id"));
                    cloudEvent.put("time", row.getTimestamp("occurred_at").toInstant().toString());
                    cloudEvent.put("datacontenttype", "application/json");
                    cloudEvent.put("position", row.getLong("position"));
                    cloudEvent.put("sequence", row.getLong("sequence"));
                    cloudEvent.put("actor", row.getString("actor"));
                    cloudEvent.put("recordedtime", row.getTimestamp("recorded_at").toInstant().toString());
                    JsonNode data = read(row.getString("data"));
                    // consent withdrawn: the event is delivered, its personal fields are not
                    cloudEvent.put("data", row.getBoolean("withheld")
                            ? redaction.eventData(row.getString("type"), data, Redaction.WITHHELD) : data);
                    return new Entry(row.getLong("position"), eventType, row.getString("customer_id"),
                            write(cloudEvent));
                })
                .list();
    }

    /** The last position the Kafka broker acknowledged on this topic; 0 before the first. */
    long publishedOn(String topic) {
        return jdbc.sql("SELECT position FROM kafka_publication WHERE topic = :topic").param("topic", topic)
                .query(Long.class).optional().orElse(0L);
    }

    void published(String topic, long position) {
        jdbc.sql("""
                        INSERT INTO kafka_publication (topic, position, updated_at) VALUES (:topic, :position, now())
                        ON CONFLICT (topic) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at""")
                .param("topic", topic).param("position", position).update();
    }

    private JsonNode read(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event data not readable", e);
        }
    }

    private String write(Map<String, Object> cloudEvent) {
        try {
            return json.writeValueAsString(cloudEvent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CloudEvent not writable", e);
        }
    }
}
