package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One customer of a handover (交接): moved from {@code fromOwner} to {@code toOwner} only while it still belongs to
 * {@code fromOwner}; one given to someone else meanwhile stays where it is.
 */
public record HandOverCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, String fromOwner,
                                      String toOwner, String reason,
                                      com.customerarchive.events.TeamAccess keepPreviousOwnerAs) {

    public HandOverCustomerCommand(CustomerId customerId, String fromOwner, String toOwner, String reason) {
        this(customerId, fromOwner, toOwner, reason, null);
    }
}
