package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A manager registered the customer although the archive held possible duplicates of it (the ids of those
 * candidates), and said why.
 */
@Revision("1")
public record PossibleDuplicateAcceptedEvent(
        CustomerId customerId,
        List<String> candidates,
        String reason) implements CustomerEvent {

    public PossibleDuplicateAcceptedEvent {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
