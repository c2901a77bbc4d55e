package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterCustomerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerKind kind,
        CustomerNature nature,
        CustomerTier tier,
        InformationSource source,
        Grade grade,
        String ownerId,
        ProfileCard card,
        CustomerId referredBy) {

    /** A registration that names no referrer. */
    public RegisterCustomerCommand(CustomerId customerId, CustomerKind kind, CustomerNature nature, CustomerTier tier,
                                   InformationSource source, Grade grade, String ownerId, ProfileCard card) {
        this(customerId, kind, nature, tier, source, grade, ownerId, card, null);
    }
}
