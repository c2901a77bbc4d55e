package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A purchase booked in error, cancelled with a reason: it stays in the record and counts nowhere. */
@Revision("1")
public record PurchaseCancelledEvent(
        CustomerId customerId,
        int purchaseNo,
        String reason) implements CustomerEvent {
}
