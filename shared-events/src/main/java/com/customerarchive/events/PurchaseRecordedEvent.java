package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The customer bought (购买信息): numbered per customer, with the order's reference (unique per customer, not personal
 * data), the product, a positive quantity and amount as exact decimals, and the amount's ISO 4217 currency.
 * {@code onAccount}: the order goes on the customer's account — it is open until shipped (发货), what is shipped is
 * receivable until collected (回款), and it counts against the credit limit. A purchase recorded before shipments and
 * collections were kept (revision 1, read as {@code onAccount: false}) was delivered and paid outside the ledger: it
 * holds nothing of the credit but what is shipped against it.
 */
@Revision("2")
public record PurchaseRecordedEvent(
        CustomerId customerId,
        int purchaseNo,
        String orderRef,
        String product,
        BigDecimal quantity,
        BigDecimal amount,
        String currency,
        Instant purchasedAt,
        boolean onAccount) implements CustomerEvent {

    /** A purchase recorded now: on the customer's account. */
    public PurchaseRecordedEvent(CustomerId customerId, int purchaseNo, String orderRef, String product,
                                 BigDecimal quantity, BigDecimal amount, String currency, Instant purchasedAt) {
        this(customerId, purchaseNo, orderRef, product, quantity, amount, currency, purchasedAt, true);
    }
}
