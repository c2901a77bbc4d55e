package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The reviewer sent the card back to its rep, with a reason per field; it waits for the rep to resubmit it. */
@Revision("1")
public record CustomerReturnedEvent(
        CustomerId customerId,
        List<ReturnReason> reasons) implements CustomerEvent {
}
