package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** Someone was made responsible for a complaint. */
@Revision("1")
public record ComplaintAssignedEvent(
        CustomerId customerId,
        ComplaintId complaintId,
        String assignee) implements CustomerEvent {
}
