package com.customerarchive.command.customer;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param admission where the card starts: {@code PENDING_REVIEW} with review on, {@code APPROVED} with it off
 * @param code      the code it was given at once (review off); null while it waits for review
 */
public record RegisterCustomerCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerKind kind,
        CustomerNature nature,
        CustomerTier tier,
        InformationSource source,
        Grade grade,
        String ownerId,
        ProfileCard card,
        CustomerId referredBy,
        AdmissionState admission,
        String code) {

    /** A registration approved without a code (review not asked), naming a referrer or not. */
    public RegisterCustomerCommand(CustomerId customerId, CustomerKind kind, CustomerNature nature, CustomerTier tier,
                                   InformationSource source, Grade grade, String ownerId, ProfileCard card,
                                   CustomerId referredBy) {
        this(customerId, kind, nature, tier, source, grade, ownerId, card, referredBy, AdmissionState.APPROVED, null);
    }

    /** A registration that names no referrer. */
    public RegisterCustomerCommand(CustomerId customerId, CustomerKind kind, CustomerNature nature, CustomerTier tier,
                                   InformationSource source, Grade grade, String ownerId, ProfileCard card) {
        this(customerId, kind, nature, tier, source, grade, ownerId, card, null);
    }
}
