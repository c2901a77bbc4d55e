package com.customerarchive.query.commercial;

import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.query.money.Amount;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a customer's purchases and referrals add up to at an instant, cancelled purchases left out and money kept per
 * currency, beside the profile facts lifecycle and value are judged on.
 *
 * @param quartersOfLastFour how many of the four calendar quarters before the instant's own quarter saw a purchase
 * @param lastYear           purchases in the year before the instant
 * @param buyingSince        the first calendar quarter (its first day, in the business zone) of the unbroken run of
 *                           quarters with a purchase that ends with the quarter before the instant's own; null when
 *                           that quarter had none
 */
public record Figures(UUID customerId, String name, String ownerId, Grade grade, CustomerStatus status,
                      String archiveReason, Instant registeredAt, Instant lastContactAt, Instant archivedAt,
                      int purchases, List<Amount> totals, Instant firstPurchaseAt, Instant secondPurchaseAt,
                      Instant lastPurchaseAt, int lastYear, int quartersOfLastFour, LocalDate buyingSince,
                      int referred, List<Amount> referredTotals) {
}
