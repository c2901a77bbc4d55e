package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the customer what the duplicate check and a merge need to know of it; writes nothing.
 *
 * @param asCandidate true when it is asked as another customer's possible duplicate: a rep's scope does not refuse it
 *                    (what a rep may see of it is masked by the caller)
 */
public record DescribeCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, boolean asCandidate) {
}
