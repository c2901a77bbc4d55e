package com.customerarchive.query.profile;

import com.customerarchive.events.MembershipTier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The customer's membership card on its profile. Status LIVE, REPORTED_LOST or CANCELLED as the events left it;
 * EXPIRED is judged when the profile is read (a live card past its end date).
 */
public record MembershipCardState(String cardNumber, MembershipTier tier, String status, LocalDate validUntil) {

    MembershipCardState with(String newStatus) {
        return new MembershipCardState(cardNumber, tier, newStatus, validUntil);
    }

    /** The card as it stands at {@code at}. */
    public MembershipCardState judgedAt(Instant at) {
        return "LIVE".equals(status) && validUntil.isBefore(at.atOffset(ZoneOffset.UTC).toLocalDate())
                ? with("EXPIRED") : this;
    }
}
