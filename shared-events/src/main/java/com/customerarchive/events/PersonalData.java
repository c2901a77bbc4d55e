package com.customerarchive.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an event (or of a value inside one) as personal data (DOMAIN.md: names of people, phones,
 * emails, addresses, birthdays, ID/tax/bank numbers). Such a value is stored encrypted with its customer's key,
 * reads as {@code "[erased]"} once the key is destroyed, and is withheld from the feed without consent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
