package com.customerarchive.events.org;

import java.util.List;

/**
 * A public pool (公海): the customers of the reps in {@code unitCodes} (and below) go back to it by its rules, and
 * the members of those units see and claim what is in it. A customer belongs to the pool of its owner's nearest
 * unit that a pool names.
 */
public record Pool(String poolId, String name, List<String> unitCodes, PoolRules rules) {

    public Pool {
        unitCodes = List.copyOf(unitCodes);
    }
}
