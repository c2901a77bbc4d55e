package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** A manager's card edit that gives the card keys other customers hold (the candidates' ids), with the reason. */
public record EditDespiteDuplicatesCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        EditProfileCardCommand edit,
        List<String> candidates,
        String reason) {

    public EditDespiteDuplicatesCommand(EditProfileCardCommand edit, List<String> candidates, String reason) {
        this(edit.customerId(), edit.expectedVersion(), edit, candidates, reason);
    }
}
