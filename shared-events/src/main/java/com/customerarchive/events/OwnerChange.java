package com.customerarchive.events;

/**
 * An event after which another owner answers for the customer: a transfer, a handover, a return to the public pool
 * (the pool's own owner id, {@link PoolOwner}), a claim or an assignment. Read models that keep the owner follow
 * every kind through this one view.
 */
public interface OwnerChange extends CustomerEvent {

    /** The owner before the event (a pool's owner id when it came from the pool). */
    String previousOwnerId();

    /** The owner from the event on (a pool's owner id when it went back to the pool). */
    String newOwnerId();
}
