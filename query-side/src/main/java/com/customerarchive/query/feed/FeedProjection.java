package com.customerarchive.query.feed;

import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.query.privacy.Redaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.customerarchive.query.history.EventContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import com.customerarchive.query.eventstore.BatchedWrites;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;

/**
 * Gives every stored event its feed position, in the order this single-segment processor reads the store.
 * The position is counted inside the batch's transaction (a rolled-back batch leaves no hole, unlike a
 * sequence); an event already in the feed keeps its position. No reset handler: positions are for ever.
 */
@Component
@ProcessingGroup(FeedProjection.NAME)
class FeedProjection {

    static final String NAME = "feed";

    private final BatchedWrites writes;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Redaction redaction;

    FeedProjection(BatchedWrites writes, JdbcClient jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
                   Redaction redaction) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.json = json;
        this.redaction = redaction;
    }

    @EventHandler
    void on(CustomerEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
        EventContext context = EventContext.of(message);
        writes.sql("""
                        INSERT INTO feed_event (position, event_id, customer_id, sequence, type, occurred_at,
                                                recorded_at, actor, data)
                        SELECT COALESCE(max(position), 0) + 1, :eventId, :customer, :sequence, :type, :occurredAt,
                               :recordedAt, :actor, CAST(:data AS jsonb)
                        FROM feed_event
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("eventId", message.getIdentifier()).param("customer", event.customerId().value())
                .param("sequence", context.sequence()).param("type", EventContext.typeOf(event))
                .param("occurredAt", Timestamp.from(context.occurredAt()))
                .param("recordedAt", Timestamp.from(context.recordedAt())).param("actor", context.actor())
                .param("data", json.writeValueAsString(event))
                .queue();
        if (event instanceof ConsentRecordedEvent consent) {
            writes.sql("""
                            INSERT INTO feed_consent (customer_id, withdrawn, version) VALUES (:customer, :withdrawn, :version)
                            ON CONFLICT (customer_id) DO UPDATE SET withdrawn = EXCLUDED.withdrawn, version = EXCLUDED.version
                            WHERE feed_consent.version < EXCLUDED.version""")
                    .param("customer", event.customerId().value()).param("withdrawn", !consent.granted())
                    .param("version", context.sequence()).queue();
        }
        if (event instanceof PersonalDataErasedEvent) {
            writes.then(() -> redact(event.customerId().value()));
        }
    }

    /** The customer's entries keep their positions; their personal fields read "[erased]" from now on. */
    private void redact(UUID customerId) {
        jdbc.sql("SELECT position, type, data::text AS data FROM feed_event WHERE customer_id = :id")
                .param("id", customerId)
                .query((row, n) -> Map.of("position", row.getLong("position"),
                        "data", redaction.eventData(row.getString("type"), row.getString("data"), Redaction.ERASED)))
                .list()
                .forEach(row -> jdbc.sql("UPDATE feed_event SET data = CAST(:data AS jsonb) WHERE position = :position")
                        .params(row).update());
    }
}
