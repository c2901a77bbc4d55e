package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The customer bought (购买信息): numbered per customer, with the order's reference (unique per customer, not personal
 * data), the product, a positive quantity and amount as exact decimals, and the amount's ISO 4217 currency.
 */
@Revision("1")
public record PurchaseRecordedEvent(
        CustomerId customerId,
        int purchaseNo,
        String orderRef,
        String product,
        BigDecimal quantity,
        BigDecimal amount,
        String currency,
        Instant purchasedAt) implements CustomerEvent {
}
