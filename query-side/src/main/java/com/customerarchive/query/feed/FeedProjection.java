package com.customerarchive.query.feed;

import com.customerarchive.events.CustomerEvent;
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
    private final ObjectMapper json;

    FeedProjection(BatchedWrites writes, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.writes = writes;
        this.json = json;
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
    }
}
