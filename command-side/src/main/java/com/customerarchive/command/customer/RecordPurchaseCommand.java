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

    public RecordPurchaseCommand(CustomerId customerId, Long expectedVersion, String orderRef, String product,
                                 BigDecimal quantity, BigDecimal amount, String currency, Instant purchasedAt) {
        this(customerId, expectedVersion, orderRef, product, quantity, amount, currency, purchasedAt, null);
    }
}
