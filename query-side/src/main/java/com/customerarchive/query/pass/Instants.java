package com.customerarchive.query.pass;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants as the store writes them ({@code 2026-03-01T08:00:00.123Z}), read without the general
 * formatter (a replay parses two per event); any other shape goes to {@link Instant#parse}.
 */
final class Instants {

    private Instants() {
    }

    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        try {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            if (length > 20) {
                if (text.charAt(19) != '.' || length - 21 > 9 || length - 21 < 1) {
                    return Instant.parse(text);
                }
                int fraction = digits(text, 20, length - 1);
                for (int i = length - 21; i < 9; i++) {
                    fraction *= 10;
                }
                nanos = fraction;
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return Instant.parse(text);
            }
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (RuntimeException e) {
            return Instant.parse(text);
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
