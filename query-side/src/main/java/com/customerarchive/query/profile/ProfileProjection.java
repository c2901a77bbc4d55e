package com.customerarchive.query.profile;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.query.eventstore.BatchedWrites;
import com.customerarchive.query.history.EventContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Keeps {@code profile} current by folding each customer's events; an event already applied changes nothing. */
@Component
@ProcessingGroup(ProfileProjection.NAME)
class ProfileProjection {

    static final String NAME = "profiles";

    private final ProfileRepository profiles;
    private final BatchedWrites writes;

    ProfileProjection(ProfileRepository profiles, BatchedWrites writes) {
        this.profiles = profiles;
        this.writes = writes;
    }

    /**
     * Folds the event into the customer's state as this batch left it (read from the table on its first event
     * in the batch); every state the batch changed is written once, when the batch commits.
     */
    @EventHandler
    void on(CustomerEvent event, DomainEventMessage<?> message) {
        EventContext context = EventContext.of(message);
        UUID customerId = event.customerId().value();
        Map<UUID, ProfileState> batch = BatchedWrites.inBatch()
                ? writes.perBatch(NAME, LinkedHashMap::new, changed -> profiles.saveAll(changed.values()))
                : new LinkedHashMap<>();
        ProfileState current = batch.containsKey(customerId) ? batch.get(customerId)
                : profiles.find(customerId).orElse(null);
        if (current != null && current.version() >= context.sequence()) {
            return;
        }
        batch.put(customerId, ProfileFold.apply(current, event, context));
        if (!BatchedWrites.inBatch()) {
            profiles.saveAll(batch.values());
        }
    }

    @ResetHandler
    void reset() {
        profiles.deleteAll();
    }
}
