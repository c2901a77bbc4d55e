package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The card was reported lost: its number is blocked from this event on. */
@Revision("1")
public record MembershipCardReportedLostEvent(
        CustomerId customerId,
        String cardNumber) implements CustomerEvent {
}
