package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * A team lead or manager assigned (分配) the customer to a rep: from the public pool ({@code from} is the pool's owner
 * id) or from another rep. The rep sees it among "newly assigned to me".
 */
@Revision("1")
public record CustomerAssignedEvent(
        CustomerId customerId,
        String from,
        String ownerId,
        String reason) implements OwnerChange {

    @Override
    public String previousOwnerId() {
        return from;
    }

    @Override
    public String newOwnerId() {
        return ownerId;
    }
}
