package com.customerarchive.events.org;

/** A unit closed (it had no members, no open units below it and so no customers); its code is never reused. */
public record OrgUnitClosedEvent(String code) implements OrganisationEvent {
}
