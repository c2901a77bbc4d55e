package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.MembershipTier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record ChangeMembershipTierCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        MembershipTier tier,
        String reason) {
}
