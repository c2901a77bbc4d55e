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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lifecycle(Stage stage, Instant since, boolean atRisk, String reason) {

    public enum Stage { PROSPECT, FIRST_PURCHASE, REPEAT, LOYAL, LOST }

    public static final String NO_PURCHASE_FOR_A_YEAR = "no purchase for a year";
    public static final String OVERDUE_TWICE = "overdue by twice the grade's cadence";

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
            return new Lifecycle(Stage.LOYAL, quarterStart(asOf, 4, zone), reason != null, reason);
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

    /** The first instant of the calendar quarter {@code back} quarters before the one {@code at} falls in, in the business zone. */
    public static Instant quarterStart(Instant at, int back, BusinessZone zone) {
        LocalDate day = zone.dayOf(at);
        LocalDate quarter = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
        return zone.startOf(quarter.minusMonths(3L * back));
    }
}
