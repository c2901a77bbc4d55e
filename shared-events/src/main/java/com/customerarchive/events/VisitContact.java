package com.customerarchive.events;


/** Whom the rep spoke to on a visit or call. */
public record VisitContact(@PersonalData String name, ContactRole role) {
}
