package com.customerarchive.query.core;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.EventMetadata;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the store knows about an event beside its payload: its place in the customer's stream, when it
 * happened in the business, when it was recorded, who did it and in which request.
 */
public record EventContext(long sequence, Instant occurredAt, Instant recordedAt, String actor, String correlationId) {

    /** Times to the microsecond, as PostgreSQL keeps them: every path that writes them writes the same value. */
    public EventContext {
        occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MICROS);
        recordedAt = recordedAt == null ? null : recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** @return the context of a stored customer event (sequence counted from 1) */
    public static EventContext of(DomainEventMessage<?> message) {
        Object occurredAt = message.getMetaData().get(EventMetadata.OCCURRED_AT);
        Object actor = message.getMetaData().get(EventMetadata.ACTOR);
        Object correlationId = message.getMetaData().get(EventMetadata.CORRELATION_ID);
        return stored(message.getSequenceNumber(), occurredAt == null ? null : Instant.parse(occurredAt.toString()),
                message.getTimestamp(), actor == null ? null : actor.toString(),
                correlationId == null ? null : correlationId.toString());
    }

    /**
     * The context of the event stored at {@code sequenceNumber} (counted from 0) of its stream; without a business
     * time its recording time counts.
     */
    public static EventContext stored(long sequenceNumber, Instant occurredAt, Instant recordedAt, String actor,
                                      String correlationId) {
        return new EventContext(sequenceNumber + 1, occurredAt == null ? recordedAt : occurredAt, recordedAt, actor,
                correlationId);
    }

    public static CustomerEvent payload(DomainEventMessage<?> message) {
        return (CustomerEvent) message.getPayload();
    }

    /** The event's type as integrators see it: its class name without the {@code Event} suffix. */
    public static String typeOf(Object event) {
        return typeOf(event.getClass());
    }

    /** The type of events of this class as integrators see it. */
    public static String typeOf(Class<?> eventClass) {
        String name = eventClass.getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }
}
