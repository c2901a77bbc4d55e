package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Some fields of the profile card changed: each with its old and new value, and the card as it now stands. */
@Revision("1")
public record ProfileCardEditedEvent(
        CustomerId customerId,
        List<FieldChange> changes,
        ProfileCard card) implements CustomerEvent {
}
