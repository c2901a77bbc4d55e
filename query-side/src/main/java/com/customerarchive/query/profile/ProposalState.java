package com.customerarchive.query.profile;

import com.customerarchive.events.FieldChange;

import java.time.Instant;
import java.util.List;

/** A proposed change to signed fields that waits for a manager: what it would change, who proposed it, when. */
public record ProposalState(String proposalId, List<FieldChange> changes, String proposedBy, Instant proposedAt) {
}
