package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RejectProposalCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        String proposalId, String reason) {
}
