package com.customerarchive.query.profile;

import com.customerarchive.events.MembershipTier;

import java.time.LocalDate;

/**
 * The customer's membership card on its profile. Status LIVE, REPORTED_LOST or CANCELLED as the events left it;
 * EXPIRED is judged when the profile is read (a live card past its end date).
 */
public record MembershipCardState(String cardNumber, MembershipTier tier, String status, LocalDate validUntil) {

    MembershipCardState with(String newStatus) {
        return new MembershipCardState(cardNumber, tier, newStatus, validUntil);
    }

    /** The card as it stands on a business day: live cards past their last valid day have expired. */
    public MembershipCardState judgedOn(LocalDate day) {
        return "LIVE".equals(status) && validUntil.isBefore(day)
                ? with("EXPIRED") : this;
    }
}
