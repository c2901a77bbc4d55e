package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** @param requiredFields what the approval needs of the card ({@code archive.admission.required-fields}) */
public record ApproveCustomerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        String notes,
        List<String> requiredFields) {
}
