package com.customerarchive.query.profile;

import com.customerarchive.query.core.EventContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;

/**
 * The profile as the archive knew it at an instant (recording time) or version: folded from the store itself,
 * starting at the newest sealed checkpoint of the fold before then, so it never folds more than a checkpoint's
 * distance of events.
 */
@Component
class AsOfReader {

    private final EventStore eventStore;
    private final ProfileCheckpoints checkpoints;

    AsOfReader(EventStore eventStore, ProfileCheckpoints checkpoints) {
        this.eventStore = eventStore;
        this.checkpoints = checkpoints;
    }

    /** The folded profile and when its last event was recorded. */
    record Folded(ProfileState state, Instant recordedAt) {
    }

    /** @return empty when the customer had no event recorded by then (or does not exist) */
    Optional<Folded> at(UUID customerId, Instant recordedBy, Long version) {
        Optional<ProfileCheckpoints.Checkpoint> checkpoint = checkpoints.latest(customerId, version, recordedBy);
        ProfileState state = checkpoint.map(ProfileCheckpoints.Checkpoint::state).orElse(null);
        Instant recordedAt = checkpoint.map(ProfileCheckpoints.Checkpoint::recordedAt).orElse(null);
        long first = state == null ? 0 : state.version();
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(customerId.toString(), first).asStream()
                .iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            EventContext context = EventContext.of(message);
            if ((recordedBy != null && context.recordedAt().isAfter(recordedBy))
                    || (version != null && context.sequence() > version)) {
                break;
            }
            state = ProfileFold.apply(state, EventContext.payload(message), context);
            recordedAt = context.recordedAt();
        }
        return state == null ? Optional.empty() : Optional.of(new Folded(state, recordedAt));
    }

    /**
     * The profile from the events that happened before {@code occurredBefore} (business time), of those recorded by
     * {@code recordedBy} (null: all recorded so far); folded from the first event, since a checkpoint may hold events
     * that happened later.
     *
     * @return empty when no event of the customer qualifies
     */
    Optional<Folded> happenedBefore(UUID customerId, Instant occurredBefore, Instant recordedBy) {
        ProfileState state = null;
        Instant recordedAt = null;
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(customerId.toString()).asStream()
                .iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            EventContext context = EventContext.of(message);
            if (recordedBy != null && context.recordedAt().isAfter(recordedBy)) {
                break;
            }
            if (context.occurredAt().isBefore(occurredBefore)) {
                state = ProfileFold.apply(state, EventContext.payload(message), context);
                recordedAt = context.recordedAt();
            }
        }
        return state == null ? Optional.empty() : Optional.of(new Folded(state, recordedAt));
    }
}
