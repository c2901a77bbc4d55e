package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A manager other than its author rejected the proposal; the card keeps its values. */
@Revision("1")
public record ProfileChangeRejectedEvent(
        CustomerId customerId,
        String proposalId,
        String reason) implements CustomerEvent {
}
