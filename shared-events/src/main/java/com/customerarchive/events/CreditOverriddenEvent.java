package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * A manager let a purchase through that the credit rules held ({@code credit-limit-exceeded} or {@code credit-hold}),
 * with a reason; the purchase follows. The figures are those the rule saw: the limit, what was open before the
 * purchase and the purchase's amount, in its currency; for a hold, the most days past due.
 */
@Revision("1")
public record CreditOverriddenEvent(
        CustomerId customerId,
        String orderRef,
        String rule,
        String reason,
        String currency,
        BigDecimal limit,
        BigDecimal exposure,
        BigDecimal amount,
        Integer daysPastDue) implements CustomerEvent {
}
