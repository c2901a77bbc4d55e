package com.customerarchive.command.customer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7386) of the profile card as plain Java values: a key set to {@code null}
 * clears that field, an object merges into the section, anything else replaces the field.
 */
public record CardPatch(Map<String, Object> merge) {

    public CardPatch {
        merge = Collections.unmodifiableMap(new LinkedHashMap<>(merge));
    }
}
