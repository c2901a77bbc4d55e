package com.customerarchive.events;

import com.customerarchive.events.privacy.PersonalData;

/** Whom the rep spoke to on a visit or call. */
public record VisitContact(@PersonalData String name, ContactRole role) {
}
