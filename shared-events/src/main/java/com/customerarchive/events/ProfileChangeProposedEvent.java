package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A change to signed fields of an approved card (full name, tax number, …) waits for a second person's approval;
 * the card keeps the old values until then. Each change has the value it would replace and the proposed one.
 */
@Revision("1")
public record ProfileChangeProposedEvent(
        CustomerId customerId,
        String proposalId,
        List<FieldChange> changes) implements CustomerEvent {
}
