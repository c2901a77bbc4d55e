package com.customerarchive.events.org;

/** A user left the organisation (left the company); its history stays. */
public record MemberRemovedEvent(String user) implements OrganisationEvent {
}
