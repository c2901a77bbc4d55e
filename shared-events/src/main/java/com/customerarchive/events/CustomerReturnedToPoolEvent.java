package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * The customer went back to the public pool (进入公海): by the pool's rule ({@code cause} and {@code days}, with the
 * reason in words, e.g. "no follow-up for 15 days, grade B"), or released by hand. From now on it has no rep.
 */
@Revision("1")
public record CustomerReturnedToPoolEvent(
        CustomerId customerId,
        String poolId,
        String previousOwner,
        ReturnCause cause,
        Integer days,
        String reason) implements OwnerChange {

    @Override
    public String previousOwnerId() {
        return previousOwner;
    }

    @Override
    public String newOwnerId() {
        return PoolOwner.of(poolId);
    }
}
