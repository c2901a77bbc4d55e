package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/** The card was used at an outlet (店, by its code), numbered per customer. */
@Revision("1")
public record MembershipCardUsedEvent(
        CustomerId customerId,
        String cardNumber,
        int useNo,
        String outlet,
        Instant usedAt,
        BigDecimal amount) implements CustomerEvent {
}
