package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.ReturnReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

public record ReturnCustomerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        List<ReturnReason> reasons) {
}
