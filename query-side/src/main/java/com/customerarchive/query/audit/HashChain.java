package com.customerarchive.query.audit;

import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.privacy.EventHash;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Recomputes a customer's hash chain from the rows of the event store, as they are stored now. */
@Component
class HashChain {

    private final JdbcClient jdbc;
    private final String eventTable;

    HashChain(JdbcClient jdbc, EventStoreProperties store) {
        this.jdbc = jdbc;
        this.eventTable = store.schema() + ".domain_event_entry";
    }

    /** sequence: 1-based, the first event that is missing, altered or out of place; null when valid. */
    record Verdict(UUID customerId, int events, boolean valid, Long sequence, String problem, String headHash,
                   List<String> hashes) {

        /** Where a hash of an earlier checkpoint sits in the chain (1-based), or null: that history was rewritten. */
        Long positionOf(String hash) {
            int index = hashes.indexOf(hash);
            return index < 0 ? null : (long) index + 1;
        }
    }

    private record Row(long sequence, String eventId, String type, String revision, String recordedAt, byte[] payload,
                       byte[] metaData) {
    }

    /** Empty events: no such customer. */
    Verdict verify(UUID customerId) {
        List<Row> rows = jdbc.sql("SELECT sequence_number, event_identifier, payload_type, payload_revision, time_stamp, "
                        + "payload, meta_data FROM " + eventTable + " WHERE aggregate_identifier = :id ORDER BY sequence_number")
                .param("id", customerId.toString())
                .query((row, n) -> new Row(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getBytes(6), row.getBytes(7)))
                .list();
        String previous = "";
        long expected = 0;
        List<String> hashes = new java.util.ArrayList<>();
        for (Row row : rows) {
            if (row.sequence() != expected) {
                return new Verdict(customerId, rows.size(), false, expected + 1,
                        "event " + (expected + 1) + " is missing", previous, hashes);
            }
            String stored;
            String computed;
            try {
                JsonNode metaData = EventHash.parse(row.metaData());
                stored = metaData.path(EventMetadata.HASH).asText(null);
                computed = EventHash.of(new EventHash.Link(customerId.toString(), row.sequence(), row.eventId(),
                        row.type(), row.revision(), row.recordedAt(), EventHash.parse(row.payload()), metaData, previous));
            } catch (RuntimeException unreadable) {
                return new Verdict(customerId, rows.size(), false, row.sequence() + 1,
                        "event " + (row.sequence() + 1) + " is not readable as stored JSON", previous, hashes);
            }
            if (stored == null) {
                return new Verdict(customerId, rows.size(), false, row.sequence() + 1,
                        "event " + (row.sequence() + 1) + " carries no hash", previous, hashes);
            }
            if (!stored.equals(computed)) {
                return new Verdict(customerId, rows.size(), false, row.sequence() + 1,
                        "event " + (row.sequence() + 1) + " does not match its hash: altered, or its predecessor was",
                        previous, hashes);
            }
            previous = stored;
            hashes.add(stored);
            expected++;
        }
        return new Verdict(customerId, rows.size(), true, null, null, rows.isEmpty() ? null : previous, hashes);
    }

    /** The stored hash of every customer's latest event, in customer id order. */
    Map<String, String> heads() {
        Map<String, String> heads = new LinkedHashMap<>();
        jdbc.sql("SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier, meta_data FROM " + eventTable
                        + " WHERE type = 'Customer' ORDER BY aggregate_identifier, sequence_number DESC")
                .query((ResultSet row) -> {
                    heads.put(row.getString(1), EventHash.parse(row.getBytes(2)).path(EventMetadata.HASH).asText(""));
                });
        return heads;
    }
}
