package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A collection that did not arrive after all (a bounced payment, 退票), reversed with a reason: the receivables it
 * settled are open again ({@code reopened}: its own allocations, and where its credit had already settled later
 * shipments, those), and its credit not yet used is gone ({@code creditRemoved}).
 */
@Revision("1")
public record CollectionReversedEvent(
        CustomerId customerId,
        int collectionNo,
        String reference,
        Instant reversedAt,
        String reason,
        List<CollectionRecordedEvent.Allocation> reopened,
        BigDecimal creditRemoved) implements CustomerEvent {

    public CollectionReversedEvent {
        reopened = reopened == null ? List.of() : List.copyOf(reopened);
    }
}
