package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The customer granted or withdrew consent to keep and use its data for some purposes. Revision 2: the purposes as a
 * list; revision 1 named one {@code purpose} (read through {@code events.upcasting.EventUpcasts}).
 */
@Revision("2")
public record ConsentRecordedEvent(
        CustomerId customerId,
        boolean granted,
        List<String> purposes) implements CustomerEvent {

    public ConsentRecordedEvent {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }
}
