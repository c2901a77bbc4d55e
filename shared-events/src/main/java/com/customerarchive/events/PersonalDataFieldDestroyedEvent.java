package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * One personal field of the customer's card was destroyed: the key its values were encrypted with is gone, so
 * every value it ever had reads "[erased]" in every event, while the events, their other fields and the hash chain
 * stay. The field is a card path ({@code basic.email}); who and when are in the metadata; why is the reason. A value
 * written to the field afterwards is encrypted with a new key.
 */
@Revision("1")
public record PersonalDataFieldDestroyedEvent(
        CustomerId customerId,
        String field,
        String reason) implements CustomerEvent {
}
