package com.customerarchive.query.pass;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.EncryptingSerializer;
import com.customerarchive.events.upcasting.EventUpcasts;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.customerarchive.query.core.EventContext;
import com.customerarchive.query.core.SqlArrays;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads command-side's event store for the one pass, straight from its table in global order: a batch after a
 * gap-aware position, with the events that have since been committed in its gaps (a slower writer's), each
 * opened once (decrypted, its JSON kept). The gaps are Axon's {@link GapAwareTrackingToken}'s.
 */
@Component
class StoreReader {

    /** How far below the newest event read an unfilled index is still waited for. */
    private static final int MAX_GAP_OFFSET = 10_000;

    private final JdbcClient jdbc;
    private final String table;
    private final EncryptingSerializer serializer;
    private final CustomerKeys keys;
    private final ObjectMapper json;
    private final Map<String, Class<?>> types = new ConcurrentHashMap<>();

    StoreReader(JdbcClient jdbc, EventStoreProperties store, @Qualifier("eventSerializer") Serializer serializer,
                CustomerKeys keys, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.table = store.schema() + ".domain_event_entry";
        this.serializer = (EncryptingSerializer) serializer;
        this.keys = keys;
        this.json = json;
    }

    /** What a read brought: its customer events, where it ends, and how many stored events it read in all. */
    record Batch(List<PassEvent> events, GapAwareTrackingToken token, int read) {
    }

    private record Row(long globalIndex, String eventId, String customerId, long sequence, String timestamp,
                       String payloadType, String revision, byte[] payload, byte[] metaData) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Meta(@JsonProperty(EventMetadata.ACTOR) String actor,
                        @JsonProperty(EventMetadata.CORRELATION_ID) String correlationId,
                        @JsonProperty(EventMetadata.OCCURRED_AT) String occurredAt) {
    }

    /**
     * The next {@code limit} stored events after {@code token} (null: from the first), and those that have been
     * committed in its gaps since; one query.
     */
    Batch read(GapAwareTrackingToken token, int limit) {
        List<Row> rows = rows(token == null ? -1 : token.getIndex(), token == null ? List.of() : token.getGaps(), limit);
        if (rows.isEmpty()) {
            return new Batch(List.of(), token, 0);
        }
        GapAwareTrackingToken position = advance(token, rows);
        keys.preload(rows.stream().map(Row::customerId).toList());
        List<PassEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Class<?> type = type(row.payloadType(), row.revision());
            if (type != null) {
                events.add(open(row, type));
            }
        }
        return new Batch(events, position, rows.size());
    }

    /**
     * The position after these rows (in index order): the highest index, and the indexes below it not read yet,
     * as far as {@value #MAX_GAP_OFFSET} back (what {@link GapAwareTrackingToken#advanceTo} does event by event).
     */
    private static GapAwareTrackingToken advance(GapAwareTrackingToken token, List<Row> rows) {
        long index = token == null ? 0 : token.getIndex();
        TreeSet<Long> gaps = token == null ? new TreeSet<>() : new TreeSet<>(token.getGaps());
        for (Row row : rows) {
            long read = row.globalIndex();
            if (read > index) {
                for (long hole = Math.max(index + 1, read - MAX_GAP_OFFSET); hole < read; hole++) {
                    gaps.add(hole);
                }
                index = read;
            } else {
                gaps.remove(read);
            }
        }
        return GapAwareTrackingToken.newInstance(index, gaps.tailSet(index - MAX_GAP_OFFSET));
    }

    /** In index order: the next rows after the position (however far on), then any committed in its gaps. */
    private List<Row> rows(long after, Collection<Long> gaps, int limit) {
        String columns = "SELECT global_index, event_identifier, aggregate_identifier, sequence_number, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data FROM " + table;
        String next = "(" + columns + " WHERE global_index > :after ORDER BY global_index LIMIT :limit)";
        var query = jdbc.sql(gaps.isEmpty() ? next
                        : next + " UNION ALL (" + columns + " WHERE global_index = ANY(:gaps)) ORDER BY global_index")
                .param("after", after).param("limit", limit);
        if (!gaps.isEmpty()) {
            query = query.param("gaps", SqlArrays.longs(gaps));
        }
        return query.query((row, n) -> new Row(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                row.getString(5), row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9))).list();
    }

    private Class<?> type(String payloadType, String revision) {
        Class<?> type = types.computeIfAbsent(payloadType + "|" + revision, key -> {
            Class<?> found = serializer.classForType(new SimpleSerializedType(payloadType, revision));
            return CustomerEvent.class.isAssignableFrom(found) ? found : Void.class;
        });
        return type == Void.class ? null : type;
    }

    private PassEvent open(Row row, Class<?> type) {
        // an event stored in an older revision is read in the current shape; the stored bytes stay as they are
        EncryptingSerializer.Opened opened = serializer.open(EventUpcasts.upcast(row.payloadType(), row.revision(),
                row.payload()), type);
        Meta meta;
        try {
            meta = row.metaData() == null ? new Meta(null, null, null) : json.readValue(row.metaData(), Meta.class);
        } catch (IOException e) {
            throw new IllegalStateException("metadata of event " + row.globalIndex() + " not readable", e);
        }
        EventContext context = EventContext.stored(row.sequence(),
                meta.occurredAt() == null ? null : Instants.parse(meta.occurredAt()), Instants.parse(row.timestamp()),
                meta.actor(), meta.correlationId());
        return new PassEvent(row.globalIndex(), row.eventId(), opened.event(), context, opened.json());
    }
}
