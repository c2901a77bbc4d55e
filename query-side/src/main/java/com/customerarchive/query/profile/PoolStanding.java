package com.customerarchive.query.profile;

import java.time.Instant;

/**
 * Where a customer stands towards the public pool (公海): since when its owner has it and how it came
 * ({@code REGISTERED}, {@code TRANSFERRED}, {@code CLAIMED}, {@code ASSIGNED}, {@code RETURNED} for the pool itself),
 * whether it is locked, its last purchase, and — while in the pool — whom it came back from, when and why.
 */
public record PoolStanding(Instant ownerSince, String ownerVia, boolean locked, Instant lastPurchaseAt,
                           String returnedFrom, Instant returnedAt, String returnReason) {

    /** A profile stored before the pool existed: owned since its registration. */
    static PoolStanding since(Instant registeredAt) {
        return new PoolStanding(registeredAt, "REGISTERED", false, null, null, null, null);
    }

    PoolStanding owned(Instant since, String via) {
        return new PoolStanding(since, via, false, lastPurchaseAt, null, null, null);
    }

    PoolStanding returned(Instant at, String from, String reason) {
        return new PoolStanding(at, "RETURNED", false, lastPurchaseAt, from, at, reason);
    }

    PoolStanding locked(boolean now) {
        return new PoolStanding(ownerSince, ownerVia, now, lastPurchaseAt, returnedFrom, returnedAt, returnReason);
    }

    PoolStanding bought(Instant at) {
        Instant last = lastPurchaseAt == null || at.isAfter(lastPurchaseAt) ? at : lastPurchaseAt;
        return new PoolStanding(ownerSince, ownerVia, locked, last, returnedFrom, returnedAt, returnReason);
    }
}
