package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A manager other than its author approved the proposal; the card edit that carries it out follows. */
@Revision("1")
public record ProfileChangeApprovedEvent(
        CustomerId customerId,
        String proposalId,
        String notes) implements CustomerEvent {
}
