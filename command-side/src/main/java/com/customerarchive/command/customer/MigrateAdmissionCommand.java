package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A customer registered before review existed gets its code, approved as of now; one already coded is left as it is. */
public record MigrateAdmissionCommand(@TargetAggregateIdentifier CustomerId customerId, String notes) {
}
