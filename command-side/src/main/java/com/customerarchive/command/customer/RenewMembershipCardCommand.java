package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;
import java.time.LocalDate;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record RenewMembershipCardCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        LocalDate validUntil,
        BigDecimal fee) {
}
