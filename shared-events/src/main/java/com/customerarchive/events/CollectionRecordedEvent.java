package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Money received (回款), numbered per customer, by its reference (a bank slip, a cheque; unique per customer):
 * settled against the receivables it names, else the oldest first (by due day, then shipment); what is left over is
 * kept as the customer's credit ({@code credit}) and settles later shipments.
 */
@Revision("1")
public record CollectionRecordedEvent(
        CustomerId customerId,
        int collectionNo,
        String reference,
        Instant receivedAt,
        BigDecimal amount,
        String currency,
        List<Allocation> allocations,
        BigDecimal credit) implements CustomerEvent {

    public CollectionRecordedEvent {
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
    }

    /** An amount of a collection settling one shipment's receivable. */
    public record Allocation(int shipmentNo, BigDecimal amount) {
    }
}
