package com.customerarchive.query.pass;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.FieldChange;
import com.customerarchive.query.core.EventChanges;
import com.customerarchive.query.core.EventContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;

import java.util.List;
import java.util.UUID;

/**
 * A stored event as the pass hands it to every read model: deserialized and decrypted once, with what several
 * read models derive from it (its JSON, its changed fields) computed once on first use.
 */
public final class PassEvent {

    private final long position;
    private final String eventId;
    private final CustomerEvent event;
    private final EventContext context;
    private String json;
    private List<FieldChange> changes;

    public PassEvent(long position, String eventId, CustomerEvent event, EventContext context) {
        this(position, eventId, event, context, null);
    }

    /**
     * @param position its global index in the store (0 where it is not known)
     * @param json     the event's fields as JSON, when the reader has it already
     */
    public PassEvent(long position, String eventId, CustomerEvent event, EventContext context, String json) {
        this.position = position;
        this.eventId = eventId;
        this.event = event;
        this.context = context;
        this.json = json;
    }

    public static PassEvent of(DomainEventMessage<?> message) {
        return new PassEvent(positionOf(message), message.getIdentifier(), (CustomerEvent) message.getPayload(),
                EventContext.of(message));
    }

    /** A message's global index in the store, from its tracking token (0 where it has none). */
    static long positionOf(Message<?> message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(0) : 0;
    }

    /** Its global index in the store. */
    public long position() {
        return position;
    }

    public String eventId() {
        return eventId;
    }

    public CustomerEvent event() {
        return event;
    }

    public UUID customerId() {
        return event.customerId().value();
    }

    public EventContext context() {
        return context;
    }

    /** The customer's version once this event is applied. */
    public long sequence() {
        return context.sequence();
    }

    /** The event's fields as JSON (clear text: read models hold what their readers are allowed to see). */
    public String json(ObjectMapper mapper) {
        if (json == null) {
            try {
                json = mapper.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event not writable as JSON", e);
            }
        }
        return json;
    }

    public List<FieldChange> changes() {
        if (changes == null) {
            changes = EventChanges.of(event);
        }
        return changes;
    }
}
