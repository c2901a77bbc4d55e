package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The customer's grade moved, with the reason. */
@Revision("1")
public record GradeChangedEvent(
        CustomerId customerId,
        Grade from,
        Grade to,
        String reason) implements CustomerEvent {
}
