package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A customer entered the archive; the first event of its stream. */
@Revision("1")
public record CustomerRegisteredEvent(
        CustomerId customerId,
        CustomerKind kind,
        CustomerNature nature,
        CustomerTier tier,
        InformationSource source,
        Grade grade,
        String ownerId,
        ProfileCard card) implements CustomerEvent {
}
