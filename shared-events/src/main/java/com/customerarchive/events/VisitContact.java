package com.customerarchive.events;

/** Whom the rep spoke to on a visit or call. */
public record VisitContact(String name, ContactRole role) {
}
