package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Marks the customer as a duplicate of the target and merges it there.
 *
 * @param target the target as it stood when the merge was decided (read under the merge's lock on both customers)
 */
public record MergeCustomerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        CustomerFacts target,
        String reason) {
}
