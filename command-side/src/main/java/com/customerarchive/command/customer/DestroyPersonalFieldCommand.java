package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * @param field           a personal field of the card ({@code basic.email})
 * @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing
 */
public record DestroyPersonalFieldCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        String field,
        String reason) {
}
