package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A followed-up complaint was closed and archived. */
@Revision("1")
public record ComplaintClosedEvent(
        CustomerId customerId,
        ComplaintId complaintId) implements CustomerEvent {
}
