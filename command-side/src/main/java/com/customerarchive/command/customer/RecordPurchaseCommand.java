package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing
 * @param purchasedAt     when the customer bought, as the request said; null: when it was recorded
 * @param creditOverride  a manager's reason to let the purchase through the credit rules; null: the rules decide
 */
public record RecordPurchaseCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        String orderRef,
        String product,
        BigDecimal quantity,
        BigDecimal amount,
        String currency,
        Instant purchasedAt,
        String creditOverride) {

    /** What a reference of the books (an order's, a shipment's, a collection's) is written with: at most 100 of them. */
    public static final String REFERENCE = "[A-Za-z0-9._/#-]+";

    public RecordPurchaseCommand(CustomerId customerId, Long expectedVersion, String orderRef, String product,
                                 BigDecimal quantity, BigDecimal amount, String currency, Instant purchasedAt) {
        this(customerId, expectedVersion, orderRef, product, quantity, amount, currency, purchasedAt, null);
    }
}
