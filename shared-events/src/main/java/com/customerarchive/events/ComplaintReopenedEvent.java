package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A resolved or closed complaint was opened again. */
@Revision("1")
public record ComplaintReopenedEvent(
        CustomerId customerId,
        ComplaintId complaintId,
        String reason) implements CustomerEvent {
}
