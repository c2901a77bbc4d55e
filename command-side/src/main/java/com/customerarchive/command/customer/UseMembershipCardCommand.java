package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;
import java.time.Instant;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record UseMembershipCardCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        String cardNumber,
        String outlet,
        Instant usedAt,
        BigDecimal amount) {
}
