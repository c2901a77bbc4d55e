package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Goods of a purchase shipped (发货), numbered per customer, by finance's reference (unique per customer): quantity
 * and amount in the purchase's currency, never more than ordered. The amount becomes receivable, due on
 * {@code dueOn} by the customer's terms at the time; what the customer's credit (earlier overpayments) already
 * covered is {@code fromCredit}, taken from the collections that left it ({@code creditFrom}, the oldest first); the
 * rest is open.
 */
@Revision("1")
public record ShipmentRecordedEvent(
        CustomerId customerId,
        int shipmentNo,
        int purchaseNo,
        String reference,
        Instant shippedAt,
        BigDecimal quantity,
        BigDecimal amount,
        String currency,
        PaymentTerms terms,
        LocalDate dueOn,
        BigDecimal fromCredit,
        List<CreditUse> creditFrom) implements CustomerEvent {

    public ShipmentRecordedEvent {
        creditFrom = creditFrom == null ? List.of() : List.copyOf(creditFrom);
    }

    /** Credit an overpayment left ({@code collectionNo}) that settles part of this shipment. */
    public record CreditUse(int collectionNo, BigDecimal amount) {
    }
}
