package com.customerarchive.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identity of a customer and of its event stream; serialized as the bare UUID. */
public record CustomerId(UUID value) {

    public CustomerId {
        Objects.requireNonNull(value, "customer id");
    }

    @JsonCreator
    public static CustomerId of(String value) {
        return new CustomerId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
