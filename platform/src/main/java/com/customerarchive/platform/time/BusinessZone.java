package com.customerarchive.platform.time;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The business day ({@code archive.zone}, env {@code ARCHIVE_ZONE}, Asia/Shanghai by default): every date the archive
 * computes from an instant, and every instant it takes for a date, turns at midnight in this zone; instants stay UTC.
 */
@ConfigurationProperties("archive")
public record BusinessZone(@DefaultValue("Asia/Shanghai") ZoneId zone) {

    /** The business day an instant falls on. */
    public LocalDate dayOf(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** The first instant of a business day. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after a business day: the day is every instant before it. */
    public Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }

    public LocalDate today(Clock clock) {
        return dayOf(clock.instant());
    }

    /** The same wall-clock moment some years earlier (a year back from an instant, by the business calendar). */
    public Instant yearsBefore(Instant at, long years) {
        return at.atZone(zone).minusYears(years).toInstant();
    }
}
