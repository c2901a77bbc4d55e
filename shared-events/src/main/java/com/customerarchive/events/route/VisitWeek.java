package com.customerarchive.events.route;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Optional;

/**
 * An ISO week (2026-W49) as the route card counts it: Monday to Sunday in the business zone, and its week of the
 * four-week visit cycle (访周次), counted on without a break across years from 2026-W01 (Monday 29 December 2025),
 * which is week 1: within 2026 it is ((ISO week − 1) mod 4) + 1; 2026-W53 is week 1 and 2027-W01 week 2, so no outlet is
 * due two weeks running at a year's end nor waits five weeks.
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

    /** The Monday the cycle counts from: 2026-W01. */
    static final LocalDate CYCLE_START = LocalDate.of(2025, 12, 29);

    /** Its week of the four-week cycle, 1 to 4. */
    public int cycleWeek() {
        long weeks = java.time.temporal.ChronoUnit.WEEKS.between(CYCLE_START, monday);
        return (int) Math.floorMod(weeks, 4L) + 1;
    }

    @Override
    public String toString() {
        return monday.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", isoWeek());
    }
}
