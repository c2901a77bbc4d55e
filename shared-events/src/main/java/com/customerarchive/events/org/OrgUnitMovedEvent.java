package com.customerarchive.events.org;

/** A unit moved under another parent, with everything below it. */
public record OrgUnitMovedEvent(String code, String parentCode) implements OrganisationEvent {
}
