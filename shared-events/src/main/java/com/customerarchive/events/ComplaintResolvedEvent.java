package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A complaint was resolved, and whose responsibility it was. */
@Revision("1")
public record ComplaintResolvedEvent(
        CustomerId customerId,
        ComplaintId complaintId,
        String resolution,
        Responsibility responsibility) implements CustomerEvent {
}
