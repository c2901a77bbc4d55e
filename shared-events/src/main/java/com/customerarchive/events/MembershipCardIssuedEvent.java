package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The customer got a membership card (会员卡) after its identity document was checked, for a fee. */
@Revision("1")
public record MembershipCardIssuedEvent(
        CustomerId customerId,
        String cardNumber,
        MembershipTier tier,
        LocalDate validFrom,
        LocalDate validUntil,
        BigDecimal fee) implements CustomerEvent {
}
