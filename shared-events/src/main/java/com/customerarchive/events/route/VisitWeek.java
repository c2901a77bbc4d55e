package com.customerarchive.events.route;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Optional;

/**
 * An ISO week (2026-W49) as the route card counts it: Monday to Sunday in the business zone, and its week of the
 * four-week visit cycle (访周次): ((ISO week − 1) mod 4) + 1.
 */
public record VisitWeek(LocalDate monday) {

    public VisitWeek {
        if (monday.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("a week starts on a Monday: " + monday);
        }
    }

    /** The week that holds {@code day}. */
    public static VisitWeek of(LocalDate day) {
        return new VisitWeek(day.minusDays(day.getDayOfWeek().getValue() - 1L));
    }

    /** {@code 2026-W49}; empty when it is no ISO week. */
    public static Optional<VisitWeek> parse(String text) {
        if (text == null || !text.matches("\\d{4}-W\\d{2}")) {
            return Optional.empty();
        }
        int year = Integer.parseInt(text.substring(0, 4));
        int number = Integer.parseInt(text.substring(6));
        LocalDate anchor = LocalDate.of(year, 1, 4);
        if (number < 1 || number > anchor.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return Optional.empty();
        }
        return Optional.of(of(anchor.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)));
    }

    public LocalDate sunday() {
        return monday.plusDays(6);
    }

    public int isoWeek() {
        return monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    /** Its week of the four-week cycle, 1 to 4. */
    public int cycleWeek() {
        return (isoWeek() - 1) % 4 + 1;
    }

    @Override
    public String toString() {
        return monday.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", isoWeek());
    }
}
