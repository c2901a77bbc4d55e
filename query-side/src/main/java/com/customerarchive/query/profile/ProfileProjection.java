package com.customerarchive.query.profile;

import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.EventMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps {@code profile} current: one row per customer, its version the number of events applied. */
@Component
@ProcessingGroup(ProfileProjection.NAME)
class ProfileProjection {

    static final String NAME = "profiles";

    private final ProfileRepository profiles;

    ProfileProjection(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, @SequenceNumber long sequence,
            @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt, @Timestamp Instant recordedAt) {
        profiles.insertRegistered(event.customerId().value(), sequence + 1, event.kind(), event.nature(), event.tier(),
                event.source(), event.grade(), event.ownerId(), event.card(), businessTime(occurredAt, recordedAt));
    }

    @ResetHandler
    void reset() {
        profiles.deleteAll();
    }

    /** When the change happened in the business; events without it happened when they were recorded. */
    static Instant businessTime(String occurredAt, Instant recordedAt) {
        return occurredAt == null ? recordedAt : Instant.parse(occurredAt);
    }
}
