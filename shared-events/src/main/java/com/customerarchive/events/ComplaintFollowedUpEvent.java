package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The return visit after a resolution, with the customer's satisfaction from 1 to 5. */
@Revision("1")
public record ComplaintFollowedUpEvent(
        CustomerId customerId,
        ComplaintId complaintId,
        int satisfaction,
        String notes) implements CustomerEvent {
}
