package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** A rep claimed (领取) the customer from the public pool; it is the rep's from now on. */
@Revision("1")
public record CustomerClaimedEvent(
        CustomerId customerId,
        String poolId,
        String ownerId) implements OwnerChange {

    @Override
    public String previousOwnerId() {
        return PoolOwner.of(poolId);
    }

    @Override
    public String newOwnerId() {
        return ownerId;
    }
}
