package com.customerarchive.events;

import java.util.Optional;

/**
 * A customer in the public pool (公海) has no rep: read models and the command-side's owner table write its pool as
 * the owner, {@code pool:<poolId>}, so every list filtered by owner leaves it out and every report groups it apart.
 * No user name can take this form (user names have no colon).
 */
public final class PoolOwner {

    private static final String PREFIX = "pool:";

    private PoolOwner() {
    }

    public static String of(String poolId) {
        return PREFIX + poolId;
    }

    /** The pool when {@code ownerId} is a pool's owner id. */
    public static Optional<String> poolOf(String ownerId) {
        return ownerId != null && ownerId.startsWith(PREFIX) ? Optional.of(ownerId.substring(PREFIX.length()))
                : Optional.empty();
    }

    public static boolean isPool(String ownerId) {
        return ownerId != null && ownerId.startsWith(PREFIX);
    }
}
