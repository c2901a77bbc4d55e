package com.customerarchive.events;

/**
 * One changed field of the profile card: its path ({@code basic.address.city}, {@code contacts}) and
 * its JSON value before and after ({@code null} where absent).
 */
public record FieldChange(String field, Object from, Object to) {
}
