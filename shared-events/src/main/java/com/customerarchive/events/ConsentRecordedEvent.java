package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The customer granted or withdrew consent to keep and use its data for a purpose. */
@Revision("1")
public record ConsentRecordedEvent(
        CustomerId customerId,
        boolean granted,
        String purpose) implements CustomerEvent {
}
