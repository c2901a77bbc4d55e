package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.ProfileCard;

import java.util.UUID;

/**
 * A customer as the duplicate check and a merge see it; the card is null once its personal data was erased; the code
 * is null until the card is approved.
 */
public record CustomerFacts(UUID customerId, CustomerKind kind, CustomerStatus status, String ownerId, ProfileCard card,
                            UUID mergedInto, boolean erased, long version, String code) {

    /** A customer without a code (not yet approved). */
    public CustomerFacts(UUID customerId, CustomerKind kind, CustomerStatus status, String ownerId, ProfileCard card,
                         UUID mergedInto, boolean erased, long version) {
        this(customerId, kind, status, ownerId, card, mergedInto, erased, version, null);
    }
}
