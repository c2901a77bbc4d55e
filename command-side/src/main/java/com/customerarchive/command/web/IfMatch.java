package com.customerarchive.command.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code If-Match: "<version>"}: the event count the writer last saw. */
public final class IfMatch {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    private IfMatch() {
    }

    /**
     * The version Axon should expect (the event count minus one), or null when the header is absent or {@code *}.
     *
     * @throws InvalidIfMatchException when the header is not a version this API gave out
     */
    public static Long expectedAggregateVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(header.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) < 1) {
            throw new InvalidIfMatchException();
        }
        return Long.parseLong(matcher.group(1)) - 1;
    }

    /** The If-Match header is not an ETag of this API. */
    public static class InvalidIfMatchException extends RuntimeException {

        InvalidIfMatchException() {
            super("If-Match must be an ETag this API returned, such as \"3\", or *.");
        }
    }
}
