package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A returned card, corrected, waits for review again. */
@Revision("1")
public record CustomerResubmittedEvent(
        CustomerId customerId,
        String notes) implements CustomerEvent {
}
