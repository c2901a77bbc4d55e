package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The customer was archived; it accepts only reactivation. */
@Revision("1")
public record CustomerArchivedEvent(
        CustomerId customerId,
        String reason) implements CustomerEvent {
}
