package com.customerarchive.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When a shipment's amount falls due (账期): {@code CASH} on the day it is shipped; {@code NET_DAYS} {@code days}
 * after it (1–365); {@code MONTHLY_STATEMENT} (月结) on {@code day} (1–31, the month's last day where it is shorter)
 * of the month after the month it was shipped in. Days are business days (the archive's zone).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentTerms(Kind kind, Integer days, Integer day) {

    public enum Kind { CASH, NET_DAYS, MONTHLY_STATEMENT }

    /** Cash: the terms of a customer whose card names none. */
    public static final PaymentTerms CASH = new PaymentTerms(Kind.CASH, null, null);

    public static PaymentTerms netDays(int days) {
        return new PaymentTerms(Kind.NET_DAYS, days, null);
    }

    public static PaymentTerms monthlyStatement(int day) {
        return new PaymentTerms(Kind.MONTHLY_STATEMENT, null, day);
    }

    /** What is wrong with the terms as a whole, or null when they are complete and consistent. */
    public String problem() {
        if (kind == null) {
            return "terms need a kind: CASH, NET_DAYS or MONTHLY_STATEMENT";
        }
        return switch (kind) {
            case CASH -> days != null || day != null ? "CASH takes neither days nor day" : null;
            case NET_DAYS -> days == null || days < 1 || days > 365 || day != null
                    ? "NET_DAYS takes days from 1 to 365 (and no day)" : null;
            case MONTHLY_STATEMENT -> day == null || day < 1 || day > 31 || days != null
                    ? "MONTHLY_STATEMENT takes the statement's day of the month, 1 to 31 (and no days)" : null;
        };
    }

    /** The day an amount shipped on {@code shippedOn} is due. */
    public LocalDate dueOn(LocalDate shippedOn) {
        return switch (kind) {
            case CASH -> shippedOn;
            case NET_DAYS -> shippedOn.plusDays(days);
            case MONTHLY_STATEMENT -> {
                YearMonth next = YearMonth.from(shippedOn).plusMonths(1);
                yield next.atDay(Math.min(day, next.lengthOfMonth()));
            }
        };
    }

    /** The terms as people write them: CASH, NET_DAYS(30), MONTHLY_STATEMENT(25). */
    @Override
    public String toString() {
        return switch (kind == null ? Kind.CASH : kind) {
            case CASH -> "CASH";
            case NET_DAYS -> "NET_DAYS(" + days + ")";
            case MONTHLY_STATEMENT -> "MONTHLY_STATEMENT(" + day + ")";
        };
    }
}
