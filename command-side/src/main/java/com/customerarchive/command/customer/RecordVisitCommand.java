package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import com.customerarchive.events.VisitContact;
import com.customerarchive.events.VisitMethod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * @param expectedVersion the version Axon expects: the If-Match event count minus one; null checks nothing
 * @param storeCheck      the outlet's shelf per product (the route card); empty for a plain visit
 * @param catalogue       the stock each trade type should hold: the suggested order of a store check
 */
public record RecordVisitCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        @TargetAggregateVersion Long expectedVersion,
        Instant visitedAt,
        VisitMethod method,
        VisitContact contact,
        String notes,
        String conclusion,
        LocalDate nextFollowUpOn,
        List<StoreCheckInput> storeCheck,
        com.customerarchive.events.route.Catalogue catalogue) {

    /** The most years after its visit a next follow-up may be set: further out it is a typing error, not a plan. */
    public static final int MAX_FOLLOW_UP_YEARS = 5;

    /** A next follow-up on or after the visit's day and within {@link #MAX_FOLLOW_UP_YEARS} of it. */
    public static boolean followUpWithin(LocalDate visitDay, LocalDate nextFollowUpOn) {
        return !nextFollowUpOn.isBefore(visitDay) && !nextFollowUpOn.isAfter(visitDay.plusYears(MAX_FOLLOW_UP_YEARS));
    }

    public RecordVisitCommand(CustomerId customerId, Long expectedVersion, Instant visitedAt, VisitMethod method,
                              VisitContact contact, String notes, String conclusion, LocalDate nextFollowUpOn) {
        this(customerId, expectedVersion, visitedAt, method, contact, notes, conclusion, nextFollowUpOn, List.of(),
                null);
    }

    /**
     * One product as the rep found it: stock, delivered since the last check, facings, merchandised, competitors; a
     * correction names the previous stock it replaces ({@code correctedPreviousStock}) with a reason.
     */
    public record StoreCheckInput(String sku, java.math.BigDecimal stock, java.math.BigDecimal delivered,
                                  Integer facings, Boolean merchandised, List<String> competitorSkus,
                                  java.math.BigDecimal correctedPreviousStock, String correctionReason) {
    }
}
