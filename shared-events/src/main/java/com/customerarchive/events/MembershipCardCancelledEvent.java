package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The card cancelled at the customer's request, with a reason. */
@Revision("1")
public record MembershipCardCancelledEvent(
        CustomerId customerId,
        String cardNumber,
        String reason) implements CustomerEvent {
}
