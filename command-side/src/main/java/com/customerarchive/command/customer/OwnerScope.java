package com.customerarchive.command.customer;

import java.util.Collection;

/**
 * How a command says whose customers the acting user may change: command metadata (not carried onto events) naming
 * the owners in its scope; absent when the user's scope is the whole company.
 */
public final class OwnerScope {

    /** Command metadata: the owners (a collection of user names) whose customers the command may change. */
    public static final String METADATA = "ownerScope";

    private OwnerScope() {
    }

    /** True when a customer owned by {@code ownerId} lies in the scope the metadata value names (null: all). */
    static boolean covers(Object scope, String ownerId) {
        return scope == null || (scope instanceof Collection<?> owners ? owners.contains(ownerId) : scope.equals(ownerId));
    }
}
