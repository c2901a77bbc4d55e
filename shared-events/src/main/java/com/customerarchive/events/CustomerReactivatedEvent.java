package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** An archived customer became active again. */
@Revision("1")
public record CustomerReactivatedEvent(
        CustomerId customerId,
        String reason) implements CustomerEvent {
}
