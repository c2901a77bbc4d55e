package com.customerarchive.platform.events;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The event store's tables as Flyway makes them in command-side (snake_case columns, {@code bytea} payloads):
 * command-side writes them, query-side reads them.
 */
public final class EventStoreTables {

    private EventStoreTables() {
    }

    /** Axon's schema of the tables in {@code schema}; a blank schema leaves the names to the search path. */
    public static EventSchema schema(String schema) {
        String prefix = schema == null || schema.isBlank() ? "" : schema + ".";
        return EventSchema.builder()
                .eventTable(prefix + "domain_event_entry")
                .snapshotTable(prefix + "snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }
}
