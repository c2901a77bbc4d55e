package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Goods of a purchase shipped (发货), numbered per customer, by finance's reference (unique per customer): quantity
 * and amount in the purchase's currency, never more than ordered. The amount becomes receivable, due on
 * {@code dueOn} by the customer's terms at the time; what the customer's credit (an earlier overpayment) already
 * covered is {@code fromCredit}, the rest is open.
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
        BigDecimal fromCredit) implements CustomerEvent {
}
