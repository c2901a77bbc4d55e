package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.Set;

/**
 * @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing
 * @param signedFields    card paths that, once the customer is approved, change only through a proposal
 * @param proposalId      the id such a proposal gets (made at the edge); unused when the edit touches no signed field
 * @param religionPurpose the configured purpose for which the card may keep a religion the customer consented to;
 *                        null: the card keeps none
 */
public record EditProfileCardCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        CardPatch patch,
        Set<String> signedFields,
        String proposalId,
        String religionPurpose) {

    public EditProfileCardCommand {
        signedFields = signedFields == null ? Set.of() : Set.copyOf(signedFields);
    }

    /** An edit in which every field changes at once. */
    public EditProfileCardCommand(CustomerId customerId, Long expectedVersion, CardPatch patch) {
        this(customerId, expectedVersion, patch, Set.of(), null, null);
    }

    /** An edit under review's signed fields, on a card that keeps no religion. */
    public EditProfileCardCommand(CustomerId customerId, Long expectedVersion, CardPatch patch, Set<String> signedFields,
                                  String proposalId) {
        this(customerId, expectedVersion, patch, signedFields, proposalId, null);
    }
}
