package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import com.customerarchive.events.ComplaintCategory;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ComplaintSeverity;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record FileComplaintCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        ComplaintId complaintId,
        ComplaintCategory category,
        ComplaintSeverity severity,
        String description,
        String channel) {
}
