package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import com.customerarchive.events.ComplaintId;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record FollowUpComplaintCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        ComplaintId complaintId,
        int satisfaction,
        String notes) {
}
