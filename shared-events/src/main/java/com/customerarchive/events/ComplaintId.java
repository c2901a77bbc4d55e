package com.customerarchive.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identity of a complaint within its customer's stream; serialized as the bare UUID. */
public record ComplaintId(UUID value) {

    public ComplaintId {
        Objects.requireNonNull(value, "complaint id");
    }

    @JsonCreator
    public static ComplaintId of(String value) {
        return new ComplaintId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
