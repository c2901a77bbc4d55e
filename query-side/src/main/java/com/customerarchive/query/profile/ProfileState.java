package com.customerarchive.query.profile;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.events.ReturnReason;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A customer's profile as its events made it, up to {@code version} events; what {@link ProfileFold} folds. */
public record ProfileState(
        UUID customerId,
        long version,
        CustomerKind kind,
        CustomerNature nature,
        CustomerTier tier,
        InformationSource source,
        Grade grade,
        String ownerId,
        CustomerStatus status,
        ProfileCard card,
        Instant registeredAt,
        Instant lastContactAt,
        LocalDate nextFollowUpOn,
        int visitCount,
        Map<String, ComplaintStatus> complaints,
        Boolean consentGranted,
        Instant updatedAt,
        Boolean personalDataErased,
        String referredBy,
        Instant lastReviewedAt,
        Instant freshAt,
        String archiveReason,
        Instant archivedAt,
        MembershipCardState membershipCard,
        AdmissionState admission,
        String code,
        Instant admissionSince,
        List<ReturnReason> returnReasons,
        List<ProposalState> proposals,
        UUID mergedInto,
        PoolStanding pool,
        List<com.customerarchive.events.TeamMember> team,
        com.customerarchive.events.money.CreditAccount credit,
        com.customerarchive.events.route.Route route,
        String tradeType,
        List<RemarkState> remarks) {

    private static final Set<ComplaintStatus> OPEN =
            Set.of(ComplaintStatus.FILED, ComplaintStatus.ASSIGNED, ComplaintStatus.REOPENED);

    public ProfileState {
        complaints = complaints == null ? Map.of() : Map.copyOf(complaints);
        // a state stored before review existed: its customer was approved then
        admission = admission == null ? AdmissionState.APPROVED : admission;
        returnReasons = returnReasons == null ? List.of() : List.copyOf(returnReasons);
        proposals = proposals == null ? List.of() : List.copyOf(proposals);
        pool = pool == null ? PoolStanding.since(registeredAt) : pool;
        team = team == null ? List.of() : List.copyOf(team);
        // a state stored before money after the sale: the rebuild V21 asks for fills it from the purchases
        credit = credit == null ? com.customerarchive.events.money.CreditAccount.empty() : credit;
        remarks = remarks == null ? List.of() : List.copyOf(remarks);
    }

    public int openComplaints() {
        return (int) complaints.values().stream().filter(OPEN::contains).count();
    }

    public String name() {
        return card == null ? null : card.name();
    }

    /** When the card was last made current (registered, edited or reviewed); stale counts from it. */
    public Instant freshSince() {
        return freshAt != null ? freshAt : updatedAt;
    }

    public String city() {
        return card == null || card.basic() == null || card.basic().address() == null ? null
                : card.basic().address().city();
    }
}
