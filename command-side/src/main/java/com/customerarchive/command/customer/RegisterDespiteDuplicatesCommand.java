package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A manager's registration of a customer the archive may already hold (the candidates' ids), with the reason. */
public record RegisterDespiteDuplicatesCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        RegisterCustomerCommand registration,
        List<String> candidates,
        String reason) {

    public RegisterDespiteDuplicatesCommand(RegisterCustomerCommand registration, List<String> candidates, String reason) {
        this(registration.customerId(), registration, candidates, reason);
    }
}
