package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import com.customerarchive.events.VisitContact;
import com.customerarchive.events.VisitMethod;

import java.time.Instant;
import java.time.LocalDate;

/** @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing */
public record RecordVisitCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        Instant visitedAt,
        VisitMethod method,
        VisitContact contact,
        String notes,
        String conclusion,
        LocalDate nextFollowUpOn) {
}
