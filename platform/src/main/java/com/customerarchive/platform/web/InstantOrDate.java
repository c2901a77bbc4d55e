package com.customerarchive.platform.web;

import com.customerarchive.platform.time.BusinessZone;
import org.springframework.core.convert.converter.Converter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A period parameter ({@code from}, {@code to}, {@code asOf}, {@code at}): an instant, or a date meaning its start in the business zone. */
public final class InstantOrDate implements Converter<String, Instant> {

    public static final String EXPECTED = "must be an instant (2026-03-01T08:00:00Z) or a date (2026-03-01)";

    private final BusinessZone zone;

    public InstantOrDate(BusinessZone zone) {
        this.zone = zone;
    }

    @Override
    public Instant convert(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.length() == 10 ? zone.startOf(LocalDate.parse(value)) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(EXPECTED, e);
        }
    }
}
