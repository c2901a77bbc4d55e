package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A lost or expired card replaced by a new number, for a fee; the old number is dead for good. */
@Revision("1")
public record MembershipCardReissuedEvent(
        CustomerId customerId,
        String oldCardNumber,
        String cardNumber,
        LocalDate validUntil,
        BigDecimal fee) implements CustomerEvent {
}
