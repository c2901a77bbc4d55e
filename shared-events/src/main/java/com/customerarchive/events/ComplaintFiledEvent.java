package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The customer complained (客户抱怨). */
@Revision("1")
public record ComplaintFiledEvent(
        CustomerId customerId,
        ComplaintId complaintId,
        ComplaintCategory category,
        ComplaintSeverity severity,
        String description,
        String channel) implements CustomerEvent {
}
