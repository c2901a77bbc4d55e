package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** Another sales rep became responsible for the customer (专人负责). */
@Revision("1")
public record OwnerTransferredEvent(
        CustomerId customerId,
        String from,
        String to,
        String reason) implements CustomerEvent {
}
