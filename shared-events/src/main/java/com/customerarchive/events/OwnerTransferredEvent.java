package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** Another sales rep became responsible for the customer (专人负责). */
@Revision("1")
public record OwnerTransferredEvent(
        CustomerId customerId,
        String from,
        String to,
        String reason) implements OwnerChange {

    @Override
    public String previousOwnerId() {
        return from;
    }

    @Override
    public String newOwnerId() {
        return to;
    }
}
