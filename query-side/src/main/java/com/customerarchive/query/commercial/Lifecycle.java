package com.customerarchive.query.commercial;

import com.customerarchive.events.CustomerStatus;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.rules.ArchiveRules;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's lifecycle stage (生命周期) and churn warning (流失预警) at an instant, from its purchases (DOMAIN.md):
 * PROSPECT (none) → FIRST_PURCHASE (one) → REPEAT (two or more) → LOYAL (a purchase in each of the last four calendar
 * quarters before the current one); LOST once archived after buying, with the archive's reason. A buying customer is
 * at risk after a full year without a purchase, or when overdue by twice its grade's cadence.
 * <p>{@code since} is when the customer entered its stage: the registration (PROSPECT), the first purchase, the second
 * (REPEAT), the archiving (LOST), and for LOYAL the day it became loyal: the start of the quarter after the first four
 * quarters of its unbroken run of buying quarters (bought every quarter of 2025, on: LOYAL since 1 January 2026 in the
 * business zone). It is never before the first purchase, and a lifecycle report asked for any day from then on counts
 * the customer LOYAL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lifecycle(Stage stage, Instant since, boolean atRisk, String reason) {

    public enum Stage { PROSPECT, FIRST_PURCHASE, REPEAT, LOYAL, LOST }

    public static final String NO_PURCHASE_FOR_A_YEAR = "no purchase for a year";
    public static final String OVERDUE_TWICE = "overdue by twice the grade's cadence";
    public static final String RECEIVABLES_PAST_DUE = "receivables more than 90 days past due";

    /**
     * The same judgement with the money after the sale: a customer (not lost) with receivables more than 90 days past
     * due is at risk too, the reason saying so.
     */
    public Lifecycle withDaysPastDue(long daysPastDue) {
        if (daysPastDue <= com.customerarchive.events.money.CreditAccount.HOLD_DAYS || stage == Stage.LOST) {
            return this;
        }
        return new Lifecycle(stage, since, true, reason == null ? RECEIVABLES_PAST_DUE
                : reason + "; " + RECEIVABLES_PAST_DUE);
    }

    public static Lifecycle of(Figures figures, ArchiveRules rules, Instant asOf, BusinessZone zone) {
        if (figures.status() == CustomerStatus.ARCHIVED) {
            return figures.purchases() > 0
                    ? new Lifecycle(Stage.LOST, figures.archivedAt(), false, figures.archiveReason())
                    : new Lifecycle(Stage.PROSPECT, figures.registeredAt(), false, null);
        }
        if (figures.purchases() == 0) {
            return new Lifecycle(Stage.PROSPECT, figures.registeredAt(), false, null);
        }
        String reason = riskReason(figures, rules, asOf, zone);
        if (figures.quartersOfLastFour() == 4) {
            return new Lifecycle(Stage.LOYAL, loyalSince(figures, zone), reason != null, reason);
        }
        if (figures.purchases() >= 2) {
            return new Lifecycle(Stage.REPEAT, figures.secondPurchaseAt(), reason != null, reason);
        }
        return new Lifecycle(Stage.FIRST_PURCHASE, figures.firstPurchaseAt(), reason != null, reason);
    }

    private static String riskReason(Figures figures, ArchiveRules rules, Instant asOf, BusinessZone zone) {
        boolean idle = figures.lastPurchaseAt().isBefore(zone.yearsBefore(asOf, 1));
        Instant lastContact = figures.lastContactAt() != null ? figures.lastContactAt() : figures.registeredAt();
        boolean neglected = Duration.between(lastContact, asOf)
                .compareTo(Duration.ofDays(2L * rules.cadence(figures.grade()))) > 0;
        if (idle && neglected) {
            return NO_PURCHASE_FOR_A_YEAR + "; " + OVERDUE_TWICE;
        }
        return idle ? NO_PURCHASE_FOR_A_YEAR : neglected ? OVERDUE_TWICE : null;
    }

    /** The start of the quarter after the first four of the unbroken run of quarters the customer bought in. */
    static Instant loyalSince(Figures figures, BusinessZone zone) {
        return zone.startOf(figures.buyingSince().plusMonths(12));
    }

    /** The first instant of the calendar quarter {@code back} quarters before the one {@code at} falls in, in the business zone. */
    public static Instant quarterStart(Instant at, int back, BusinessZone zone) {
        LocalDate day = zone.dayOf(at);
        LocalDate quarter = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
        return zone.startOf(quarter.minusMonths(3L * back));
    }
}
