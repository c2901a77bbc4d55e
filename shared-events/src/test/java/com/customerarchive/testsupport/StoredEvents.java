package com.customerarchive.testsupport;

import com.customerarchive.events.privacy.EventHash;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes an event into the store as another writer would have (an older release, a faulty one): straight into
 * command-side's table, as the customer's next event, chained to the one before it so that the chain still verifies.
 */
public final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredEvents() {
    }

    /** A stored payload kept in the test resources' {@code fixtures/}, with {@code %s} for the customer's id. */
    public static String fixture(String name, String customerId) throws IOException {
        try (InputStream stored = StoredEvents.class.getResourceAsStream("/fixtures/" + name)) {
            if (stored == null) {
                throw new IOException("no fixture " + name);
            }
            return new String(stored.readAllBytes(), StandardCharsets.UTF_8).strip().formatted(customerId);
        }
    }

    /** The stored payload of a customer's event, as text. */
    public static String payload(JdbcClient jdbc, String customerId, long sequenceNumber) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry "
                        + "WHERE aggregate_identifier = :id AND sequence_number = :sequence")
                .param("id", customerId).param("sequence", sequenceNumber).query(String.class).single();
    }

    /** Appends {@code payload} (stored JSON) as the customer's next event; @return its sequence number (from 0) */
    public static long append(JdbcClient jdbc, String customerId, String payloadType, String revision, String payload)
            throws Exception {
        var last = jdbc.sql("SELECT sequence_number, convert_from(meta_data, 'UTF8') FROM event_store.domain_event_entry "
                        + "WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1").param("id", customerId)
                .query((row, n) -> new Object[]{row.getLong(1), row.getString(2)}).single();
        long sequence = (Long) last[0] + 1;
        String previous = JSON.readTree((String) last[1]).path("hash").asText();
        String eventId = UUID.randomUUID().toString();
        String recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode metaData = JSON.createObjectNode().put("actor", "sales").put("occurredAt", recordedAt)
                .put("correlationId", UUID.randomUUID().toString());
        metaData.put("hash", EventHash.of(new EventHash.Link(customerId, sequence, eventId, payloadType, revision,
                recordedAt, JSON.readTree(payload), metaData, previous)));
        jdbc.sql("""
                        INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                            type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:eventId, :id, :sequence, 'Customer', :at, :type, :revision, :payload, :meta)""")
                .param("eventId", eventId).param("id", customerId).param("sequence", sequence).param("at", recordedAt)
                .param("type", payloadType).param("revision", revision)
                .param("payload", payload.getBytes(StandardCharsets.UTF_8)).param("meta", JSON.writeValueAsBytes(metaData))
                .update();
        return sequence;
    }
}
