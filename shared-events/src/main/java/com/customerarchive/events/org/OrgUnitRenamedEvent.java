package com.customerarchive.events.org;

/** A unit's name changed; its code stays. */
public record OrgUnitRenamedEvent(String code, String name) implements OrganisationEvent {
}
