package com.customerarchive.events.org;

/** A user took a position in a unit (joined, moved to another team, or changed position), from this event on. */
public record MemberPlacedEvent(String user, String unitCode, Position position) implements OrganisationEvent {
}
