package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * The customer's personal-data key was destroyed: every personal field of its past events is unreadable from
 * now on ("[erased]"), while the events, their other fields and the hash chain stay. Who and when are in the
 * metadata; why is the reason.
 */
@Revision("1")
public record PersonalDataErasedEvent(
        CustomerId customerId,
        String reason) implements CustomerEvent {
}
