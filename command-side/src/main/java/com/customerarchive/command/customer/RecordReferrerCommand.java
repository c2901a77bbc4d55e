package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing
 * @param referredBy      a customer of the archive (command-side checked that it exists before sending)
 */
public record RecordReferrerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        CustomerId referredBy,
        String reason) {
}
