package com.customerarchive.query.profile;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.query.history.EventContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps {@code profile} current by folding each customer's events; an event already applied changes nothing. */
@Component
@ProcessingGroup(ProfileProjection.NAME)
class ProfileProjection {

    static final String NAME = "profiles";

    private final ProfileRepository profiles;

    ProfileProjection(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @EventHandler
    void on(CustomerEvent event, DomainEventMessage<?> message) {
        EventContext context = EventContext.of(message);
        ProfileState current = profiles.find(event.customerId().value()).orElse(null);
        if (current != null && current.version() >= context.sequence()) {
            return;
        }
        profiles.save(ProfileFold.apply(current, event, context));
    }

    @ResetHandler
    void reset() {
        profiles.deleteAll();
    }
}
