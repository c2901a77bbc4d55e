package com.customerarchive.query.feed;

import com.customerarchive.events.CustomerApprovedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.query.core.EventContext;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.query.privacy.Redaction;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The feed in position order, each entry as a CloudEvent 1.0 (JSON format), written out once when the entry is
 * appended and sent as it is (built again only where consent is withdrawn).
 */
@Repository
public class FeedRepository {

    static final String TYPE_PREFIX = "customerarchive.";
    static final String SOURCE = "urn:customer-archive:command-side";

    static final String EVENTS = "feed_event";
    static final String CONSENT = "feed_consent";
    static final String CODES = "feed_customer_code";

    private static final List<Column> COLUMNS = List.of(Column.of("position"), Column.of("event_id"),
            Column.of("customer_id"), Column.of("sequence"), Column.of("type"), Column.of("occurred_at"),
            Column.of("recorded_at"), Column.of("actor"), Column.of("customer_code"), Column.of("cloud_event"));

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
        Map<UUID, String> codes = codes(events.stream().map(PassEvent::customerId).distinct().toList());
        Map<UUID, String> learnt = new LinkedHashMap<>();
        for (PassEvent event : events) {
            String type = EventContext.typeOf(event.event());
            long position = next++;
            String code = codeOf(event.event());
            if (code != null) {
                codes.put(event.customerId(), code);
                learnt.put(event.customerId(), code);
            }
            // its CloudEvent written out once, here, for every reader to come
            rows.add(new Object[]{position, event.eventId(), event.customerId(), event.sequence(), type,
                    event.context().occurredAt(), event.context().recordedAt(), event.context().actor(),
                    codes.get(event.customerId()),
                    cloudEvent(position, event.eventId(), event.customerId().toString(), event.sequence(), type,
                            event.context().occurredAt(), event.context().recordedAt(), event.context().actor(),
                            codes.get(event.customerId()), event.json(json))});
        }
        if (!learnt.isEmpty()) {
            // every code the batch gave, in one statement (a rebuild with review off learns one per registration)
            jdbc.sql("""
                            INSERT INTO feed_customer_code (customer_id, code)
                            SELECT * FROM unnest(:customers, :codes)
                            ON CONFLICT (customer_id) DO UPDATE SET code = EXCLUDED.code""")
                    .param("customers", SqlArrays.uuids(learnt.keySet()))
                    .param("codes", SqlArrays.texts(learnt.values()))
                    .update();
        }
        // the feed's single writer filtered out what the feed holds: nothing can conflict
        appender.copy(EVENTS, COLUMNS, rows);
    }

    /** The code a customer has from this event on: given at a registration (review off) or by an approval. */
    private static String codeOf(Object event) {
        if (event instanceof CustomerRegisteredEvent registered) {
            return registered.code();
        }
        return event instanceof CustomerApprovedEvent approved ? approved.code() : null;
    }

    /** The codes the feed knows of these customers. */
    private Map<UUID, String> codes(List<UUID> customerIds) {
        Map<UUID, String> codes = new HashMap<>();
        jdbc.sql("SELECT customer_id, code FROM feed_customer_code WHERE customer_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(customerIds))
                .query((row, n) -> codes.put(UUID.fromString(row.getString(1)), row.getString(2))).list();
        return codes;
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

    /** An entry as erased: in its CloudEvent if it has one stored, else in its data column (written before). */
    private record Redacted(long position, String data, String cloudEvent) {
    }

    /**
     * The customer's entries keep their positions; their personal fields (or one) read "[erased]" from now on. They are
     * rewritten in one statement.
     */
    void redact(Erasure erasure) {
        List<Redacted> entries = jdbc.sql("""
                        SELECT position, type, data::text AS data, cloud_event FROM feed_event
                        WHERE customer_id = :id""")
                .param("id", erasure.customerId())
                .query((row, n) -> {
                    String type = row.getString("type");
                    String stored = row.getString("cloud_event");
                    if (stored == null) {
                        return new Redacted(row.getLong("position"),
                                redaction.eventData(type, row.getString("data"), Redaction.ERASED, erasure.field()), null);
                    }
                    ObjectNode cloudEvent = (ObjectNode) read(stored);
                    cloudEvent.set("data", read(redaction.eventData(type, cloudEvent.get("data").toString(),
                            Redaction.ERASED, erasure.field())));
                    return new Redacted(row.getLong("position"), null, cloudEvent.toString());
                })
                .list();
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE feed_event AS entry
                        SET data = CAST(redacted.data AS jsonb), cloud_event = redacted.cloud_event
                        FROM unnest(:positions, :data, :cloudEvents) AS redacted(position, data, cloud_event)
                        WHERE entry.position = redacted.position""")
                .param("positions", SqlArrays.longs(entries.stream().map(Redacted::position).toList()))
                .param("data", SqlArrays.texts(entries.stream().map(Redacted::data).toList()))
                .param("cloudEvents", SqlArrays.texts(entries.stream().map(Redacted::cloudEvent).toList()))
                .update();
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
                               customer_code, data::text AS data, cloud_event, COALESCE(feed_consent.withdrawn, FALSE) AS withheld
                        FROM feed_event LEFT JOIN feed_consent USING (customer_id)
                        WHERE position > :after
                          AND (CAST(:type AS varchar) IS NULL OR type = :type)
                          AND (CAST(:customer AS uuid) IS NULL OR customer_id = :customer)
                        ORDER BY position LIMIT :limit""")
                .param("after", after).param("limit", limit).param("type", type).param("customer", customerId)
                .query((row, n) -> {
                    String shortType = row.getString("type");
                    String stored = row.getString("cloud_event");
                    boolean withheld = row.getBoolean("withheld");
                    String cloudEvent = stored;
                    if (stored == null || withheld) {
                        // written before entries kept their CloudEvent, or consent withdrawn: the event is delivered,
                        // its personal fields are not
                        String data = stored == null ? row.getString("data") : read(stored).get("data").toString();
                        cloudEvent = cloudEvent(row.getLong("position"), row.getString("event_id"),
                                row.getString("customer_id"), row.getLong("sequence"), shortType,
                                row.getTimestamp("occurred_at").toInstant(), row.getTimestamp("recorded_at").toInstant(),
                                row.getString("actor"), row.getString("customer_code"),
                                withheld ? redaction.eventData(shortType, data, Redaction.WITHHELD) : data);
                    }
                    return new Entry(row.getLong("position"), TYPE_PREFIX + shortType, row.getString("customer_id"),
                            cloudEvent);
                })
                .list();
    }

    /** A CloudEvent 1.0 (JSON format) with the archive's extensions; {@code data} is written as it is. */
    private String cloudEvent(long position, String eventId, String customerId, long sequence, String shortType,
                              Instant occurredAt, Instant recordedAt, String actor, String customerCode, String data) {
        StringWriter out = new StringWriter(data.length() + 420);
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("specversion", "1.0");
            generator.writeStringField("id", eventId);
            generator.writeStringField("source", SOURCE);
            generator.writeStringField("type", TYPE_PREFIX + shortType);
            generator.writeStringField("subject", customerId);
            generator.writeStringField("time", occurredAt.toString());
            generator.writeStringField("datacontenttype", "application/json");
            generator.writeNumberField("position", position);
            generator.writeNumberField("sequence", sequence);
            generator.writeStringField("actor", actor);
            generator.writeStringField("recordedtime", recordedAt.toString());
            if (customerCode != null) {
                generator.writeStringField("customercode", customerCode);
            }
            generator.writeFieldName("data");
            generator.writeRawValue(data);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("CloudEvent not writable", e);
        }
        return out.toString();
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

}
