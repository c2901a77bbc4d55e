package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.events.ProfileCard;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One customer and its whole stream: card, grade, visits, complaints, ownership, consent. */
@Aggregate
class Customer {

    @AggregateIdentifier
    private CustomerId customerId;
    private CustomerStatus status;
    private Grade grade;
    private String ownerId;
    private ProfileCard card;

    Customer() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Customer(RegisterCustomerCommand command) {
        apply(new CustomerRegisteredEvent(command.customerId(), command.kind(), command.nature(), command.tier(),
                command.source(), command.grade(), command.ownerId(), command.card()));
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        customerId = event.customerId();
        status = CustomerStatus.ACTIVE;
        grade = event.grade();
        ownerId = event.ownerId();
        card = event.card();
    }
}
