package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The card's validity extended to a later end date, for a fee. */
@Revision("1")
public record MembershipCardRenewedEvent(
        CustomerId customerId,
        String cardNumber,
        LocalDate validUntil,
        BigDecimal fee) implements CustomerEvent {
}
