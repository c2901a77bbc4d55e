package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.Responsibility;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record ResolveComplaintCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        ComplaintId complaintId,
        String resolution,
        Responsibility responsibility) {
}
