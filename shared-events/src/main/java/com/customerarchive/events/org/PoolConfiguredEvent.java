package com.customerarchive.events.org;

/** A public pool was set up or its units or rules changed (ADMIN); its rules apply from this event on. */
public record PoolConfiguredEvent(String poolId, String name, java.util.List<String> unitCodes, PoolRules rules)
        implements OrganisationEvent {
}
