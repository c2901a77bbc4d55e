package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardTierChangedEvent;
import com.customerarchive.events.MembershipCardUsedEvent;
import com.customerarchive.events.MembershipTier;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The customer's membership card (会员卡), an entity of the customer identified by its number: it decides its own
 * transitions and uses; the customer keeps the numbers it had before (dead for good).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class MembershipCard {

    enum Status { LIVE, REPORTED_LOST, CANCELLED }

    private CustomerId customerId;
    private String number;
    private MembershipTier tier;
    private Status status;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private int uses;

    MembershipCard() {
        // for snapshots
    }

    MembershipCard(CustomerId customerId, String number, MembershipTier tier, LocalDate validFrom, LocalDate validUntil) {
        this.customerId = customerId;
        this.number = number;
        this.tier = tier;
        this.status = Status.LIVE;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
    }

    /** Live and not yet replaced or cancelled: the customer may not take a second one. */
    boolean held() {
        return status != Status.CANCELLED;
    }

    boolean expiredOn(LocalDate day) {
        return validUntil.isBefore(day);
    }

    String number() {
        return number;
    }

    MembershipTier tier() {
        return tier;
    }

    LocalDate validUntil() {
        return validUntil;
    }

    MembershipCardRenewedEvent renew(LocalDate until, BigDecimal fee) {
        requireLive();
        if (!until.isAfter(validUntil)) {
            throw new RuleViolationException(Rule.RENEWAL_NOT_EXTENDING, "The card is valid until " + validUntil
                    + "; a renewal must end later.");
        }
        return new MembershipCardRenewedEvent(customerId, number, until, fee);
    }

    MembershipCardTierChangedEvent changeTier(MembershipTier to, String reason) {
        requireLive();
        if (to == tier) {
            throw new RuleViolationException(Rule.SAME_MEMBERSHIP_TIER, "The card is already " + tier + ".");
        }
        return new MembershipCardTierChangedEvent(customerId, number, tier, to, reason);
    }

    MembershipCardReportedLostEvent reportLost() {
        requireLive();
        return new MembershipCardReportedLostEvent(customerId, number);
    }

    /** A lost card, or one whose validity has passed, may be replaced; a live one in its validity may not. */
    void requireReplaceable(LocalDate day) {
        if (status == Status.CANCELLED) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_NOT_LIVE);
        }
        if (status == Status.LIVE && !expiredOn(day)) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_NOT_LOST);
        }
    }

    MembershipCardCancelledEvent cancel(String reason) {
        if (status == Status.CANCELLED) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_NOT_LIVE);
        }
        return new MembershipCardCancelledEvent(customerId, number, reason);
    }

    MembershipCardUsedEvent use(int useNo, String outlet, Instant at, LocalDate day, BigDecimal amount) {
        if (status == Status.REPORTED_LOST) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_REPORTED_LOST);
        }
        if (status == Status.CANCELLED) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_CANCELLED);
        }
        if (day.isBefore(validFrom) || day.isAfter(validUntil)) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_OUTSIDE_VALIDITY, "The card is valid from " + validFrom
                    + " to " + validUntil + "; it was presented on " + day + ".");
        }
        return new MembershipCardUsedEvent(customerId, number, useNo, outlet, at, amount);
    }

    private void requireLive() {
        if (status != Status.LIVE) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_NOT_LIVE, "The card is " + status
                    .name().toLowerCase().replace('_', ' ') + "; only a live card changes.");
        }
    }

    void renewed(LocalDate until) {
        validUntil = until;
    }

    void tierChanged(MembershipTier to) {
        tier = to;
    }

    void reportedLost() {
        status = Status.REPORTED_LOST;
    }

    void cancelled() {
        status = Status.CANCELLED;
    }

    void used() {
        uses++;
    }

    int uses() {
        return uses;
    }
}
