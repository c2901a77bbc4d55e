package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The card moved to another tier, with a reason. */
@Revision("1")
public record MembershipCardTierChangedEvent(
        CustomerId customerId,
        String cardNumber,
        MembershipTier from,
        MembershipTier to,
        String reason) implements CustomerEvent {
}
