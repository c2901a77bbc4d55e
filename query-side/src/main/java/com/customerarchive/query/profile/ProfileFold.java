package com.customerarchive.query.profile;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.CustomerApprovedEvent;
import com.customerarchive.events.CustomerResubmittedEvent;
import com.customerarchive.events.CustomerReturnedEvent;
import com.customerarchive.events.ProfileChangeApprovedEvent;
import com.customerarchive.events.ProfileChangeProposedEvent;
import com.customerarchive.events.ProfileChangeRejectedEvent;
import com.customerarchive.events.ReturnReason;
import com.customerarchive.events.card.CardFields;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardIssuedEvent;
import com.customerarchive.events.MembershipCardReissuedEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardTierChangedEvent;
import com.customerarchive.events.OwnerChange;
import com.customerarchive.events.CustomerAssignedEvent;
import com.customerarchive.events.CustomerClaimedEvent;
import com.customerarchive.events.CustomerLockedEvent;
import com.customerarchive.events.CustomerReturnedToPoolEvent;
import com.customerarchive.events.CustomerUnlockedEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.ProfileReviewedEvent;
import com.customerarchive.events.ReferrerRecordedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.privacy.PersonalDataCipher;
import com.customerarchive.query.core.EventContext;
import com.customerarchive.query.privacy.Redaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one fold from a customer's events to its profile: the profile projection applies it event by event,
 * {@code as-of} applies it to the events up to an instant or version, so the two cannot disagree.
 */
public final class ProfileFold {

    private ProfileFold() {
    }

    /**
     * @param state the profile before the event; null before the registration
     * @return the profile after it, at version {@code context.sequence()}
     */
    public static ProfileState apply(ProfileState state, CustomerEvent event, EventContext context) {
        if (event instanceof CustomerRegisteredEvent registered) {
            return new ProfileState(registered.customerId().value(), context.sequence(), registered.kind(),
                    registered.nature(), registered.tier(), registered.source(), registered.grade(),
                    registered.ownerId(), CustomerStatus.ACTIVE, registered.card(), context.occurredAt(), null, null,
                    0, Map.of(), null, context.occurredAt(), null, null, null, context.occurredAt(), null, null, null,
                    registered.admissionState(), registered.code(), context.occurredAt(), List.of(), List.of(), null,
                    PoolStanding.since(context.occurredAt()), List.of(), null, null, null, List.of());
        }
        if (state == null) {
            throw new IllegalStateException("event " + context.sequence() + " of a customer that was never registered");
        }
        var next = new Builder(state, context);
        if (event instanceof ProfileCardEditedEvent edited) {
            next.card = edited.card();
            next.freshened();
        } else if (event instanceof GradeChangedEvent changed) {
            next.grade = changed.to();
        } else if (event instanceof VisitRecordedEvent visit) {
            Instant visitedAt = visit.visitedAt() != null ? visit.visitedAt() : context.occurredAt();
            if (next.lastContactAt == null || !visitedAt.isBefore(next.lastContactAt)) {
                next.lastContactAt = visitedAt;
                next.nextFollowUpOn = visit.nextFollowUpOn();
            }
            next.visitCount = visit.visitNo();
        } else if (event instanceof ComplaintFiledEvent filed) {
            next.complaints.put(filed.complaintId().toString(), ComplaintStatus.FILED);
        } else if (event instanceof ComplaintAssignedEvent assigned) {
            next.complaints.computeIfPresent(assigned.complaintId().toString(),
                    (id, status) -> status == ComplaintStatus.FILED ? ComplaintStatus.ASSIGNED : status);
        } else if (event instanceof ComplaintResolvedEvent resolved) {
            next.complaints.put(resolved.complaintId().toString(), ComplaintStatus.RESOLVED);
        } else if (event instanceof ComplaintFollowedUpEvent followedUp) {
            next.complaints.put(followedUp.complaintId().toString(), ComplaintStatus.FOLLOWED_UP);
            // the complaint's return visit is a contact: it counts for the cadence and supersedes an agreed date
            if (next.lastContactAt == null || !context.occurredAt().isBefore(next.lastContactAt)) {
                next.lastContactAt = context.occurredAt();
                next.nextFollowUpOn = null;
            }
        } else if (event instanceof ComplaintClosedEvent closed) {
            next.complaints.put(closed.complaintId().toString(), ComplaintStatus.CLOSED);
        } else if (event instanceof ComplaintReopenedEvent reopened) {
            next.complaints.put(reopened.complaintId().toString(), ComplaintStatus.REOPENED);
        } else if (event instanceof OwnerChange change) {
            next.ownerId = change.newOwnerId();
            next.pool = event instanceof CustomerReturnedToPoolEvent returned
                    ? next.pool.returned(context.occurredAt(), returned.previousOwner(), returned.reason())
                    : next.pool.owned(context.occurredAt(), event instanceof CustomerClaimedEvent ? "CLAIMED"
                    : event instanceof CustomerAssignedEvent ? "ASSIGNED" : "TRANSFERRED");
        } else if (event instanceof com.customerarchive.events.CustomerTeamChangedEvent changed) {
            next.team = changed.members();
        } else if (event instanceof CustomerLockedEvent || event instanceof CustomerUnlockedEvent) {
            next.pool = next.pool.locked(event instanceof CustomerLockedEvent);
        } else if (event instanceof PurchaseRecordedEvent purchase) {
            next.pool = next.pool.bought(purchase.purchasedAt() != null ? purchase.purchasedAt() : context.occurredAt());
        } else if (event instanceof CustomerArchivedEvent archived) {
            next.status = CustomerStatus.ARCHIVED;
            next.archiveReason = archived.reason();
            next.archivedAt = context.occurredAt();
        } else if (event instanceof CustomerReactivatedEvent) {
            next.status = CustomerStatus.ACTIVE;
            next.archiveReason = null;
            next.archivedAt = null;
        } else if (event instanceof CustomerMergedEvent merged) {
            next.mergedInto = merged.mergedInto().value();
        } else if (event instanceof ReferrerRecordedEvent referrer) {
            next.referredBy = referrer.referredBy();
        } else if (event instanceof MembershipCardIssuedEvent issued) {
            next.membershipCard = new MembershipCardState(issued.cardNumber(), issued.tier(), "LIVE", issued.validUntil());
        } else if (event instanceof MembershipCardRenewedEvent renewed && next.membershipCard != null) {
            next.membershipCard = new MembershipCardState(renewed.cardNumber(), next.membershipCard.tier(),
                    next.membershipCard.status(), renewed.validUntil());
        } else if (event instanceof MembershipCardTierChangedEvent changed && next.membershipCard != null) {
            next.membershipCard = new MembershipCardState(changed.cardNumber(), changed.to(),
                    next.membershipCard.status(), next.membershipCard.validUntil());
        } else if (event instanceof MembershipCardReportedLostEvent && next.membershipCard != null) {
            next.membershipCard = next.membershipCard.with("REPORTED_LOST");
        } else if (event instanceof MembershipCardReissuedEvent reissued && next.membershipCard != null) {
            next.membershipCard = new MembershipCardState(reissued.cardNumber(), next.membershipCard.tier(), "LIVE",
                    reissued.validUntil());
        } else if (event instanceof MembershipCardCancelledEvent && next.membershipCard != null) {
            next.membershipCard = next.membershipCard.with("CANCELLED");
        } else if (event instanceof ProfileReviewedEvent) {
            next.lastReviewedAt = context.occurredAt();
            next.freshened();
        } else if (event instanceof ConsentRecordedEvent consent) {
            next.consentGranted = consent.granted();
        } else if (event instanceof CustomerApprovedEvent approved) {
            next.admission = AdmissionState.APPROVED;
            next.code = approved.code();
            next.admissionSince = context.occurredAt();
            next.returnReasons = List.of();
        } else if (event instanceof CustomerReturnedEvent returned) {
            next.admission = AdmissionState.RETURNED;
            next.admissionSince = context.occurredAt();
            next.returnReasons = returned.reasons();
        } else if (event instanceof CustomerResubmittedEvent) {
            next.admission = AdmissionState.PENDING_REVIEW;
            next.admissionSince = context.occurredAt();
        } else if (event instanceof ProfileChangeProposedEvent proposed) {
            next.proposals.add(new ProposalState(proposed.proposalId(), proposed.changes(), context.actor(),
                    context.occurredAt()));
        } else if (event instanceof ProfileChangeApprovedEvent decided) {
            next.proposals.removeIf(proposal -> proposal.proposalId().equals(decided.proposalId()));
        } else if (event instanceof ProfileChangeRejectedEvent decided) {
            next.proposals.removeIf(proposal -> proposal.proposalId().equals(decided.proposalId()));
        } else if (event instanceof PersonalDataFieldDestroyedEvent destroyed) {
            next.card = Redaction.card(next.card, PersonalDataCipher.ERASED, destroyed.field());
            // a proposal's values of the destroyed field go with them
            next.proposals.replaceAll(proposal -> new ProposalState(proposal.proposalId(), proposal.changes().stream()
                    .filter(change -> !CardFields.personalFieldOf(change.field()).map(destroyed.field()::equals)
                            .orElse(false)).toList(), proposal.proposedBy(), proposal.proposedAt()));
        } else if (event instanceof PersonalDataErasedEvent) {
            next.card = Redaction.card(next.card, PersonalDataCipher.ERASED);
            next.referredBy = next.referredBy == null ? null : PersonalDataCipher.ERASED;
            next.personalDataErased = true;
            next.proposals.clear();
        }
        next.credit = next.credit.apply(event);
        if (event instanceof com.customerarchive.events.RouteAssignedEvent routed) {
            next.route = routed.route();
            next.tradeType = routed.tradeType();
        } else if (event instanceof com.customerarchive.events.RemarkWrittenEvent remark) {
            next.remarks.add(new RemarkState(remark.remarkNo(), remark.visitNo(), remark.text(), context.actor(),
                    context.occurredAt(), false));
        } else if (event instanceof com.customerarchive.events.RemarkAcknowledgedEvent seen) {
            next.remarks.replaceAll(remark -> remark.remarkNo() == seen.remarkNo() ? new RemarkState(remark.remarkNo(),
                    remark.visitNo(), remark.text(), remark.by(), remark.at(), true) : remark);
        }
        return next.build();
    }

    /** The mutable copy one event changes. */
    private static final class Builder {
        private final ProfileState base;
        private final EventContext context;
        private ProfileCard card;
        private Grade grade;
        private String ownerId;
        private CustomerStatus status;
        private Instant lastContactAt;
        private LocalDate nextFollowUpOn;
        private int visitCount;
        private final Map<String, ComplaintStatus> complaints;
        private Boolean consentGranted;
        private Boolean personalDataErased;
        private String referredBy;
        private Instant lastReviewedAt;
        private Instant freshAt;
        private String archiveReason;
        private Instant archivedAt;
        private MembershipCardState membershipCard;
        private AdmissionState admission;
        private String code;
        private Instant admissionSince;
        private List<ReturnReason> returnReasons;
        private final List<ProposalState> proposals;
        private UUID mergedInto;
        private PoolStanding pool;
        private List<com.customerarchive.events.TeamMember> team;
        private com.customerarchive.events.money.CreditAccount credit;
        private com.customerarchive.events.route.Route route;
        private String tradeType;
        private final List<RemarkState> remarks;

        Builder(ProfileState base, EventContext context) {
            this.base = base;
            this.context = context;
            card = base.card();
            grade = base.grade();
            ownerId = base.ownerId();
            status = base.status();
            lastContactAt = base.lastContactAt();
            nextFollowUpOn = base.nextFollowUpOn();
            visitCount = base.visitCount();
            complaints = new HashMap<>(base.complaints());
            consentGranted = base.consentGranted();
            personalDataErased = base.personalDataErased();
            referredBy = base.referredBy();
            lastReviewedAt = base.lastReviewedAt();
            freshAt = base.freshSince();
            archiveReason = base.archiveReason();
            archivedAt = base.archivedAt();
            membershipCard = base.membershipCard();
            admission = base.admission();
            pool = base.pool();
            team = base.team();
            credit = base.credit();
            route = base.route();
            tradeType = base.tradeType();
            remarks = new ArrayList<>(base.remarks());
            code = base.code();
            admissionSince = base.admissionSince() != null ? base.admissionSince() : base.registeredAt();
            returnReasons = base.returnReasons();
            proposals = new ArrayList<>(base.proposals());
            mergedInto = base.mergedInto();
        }

        /** The card was made current by this event (a late-recorded one does not move it back). */
        void freshened() {
            if (freshAt == null || context.occurredAt().isAfter(freshAt)) {
                freshAt = context.occurredAt();
            }
        }

        ProfileState build() {
            Instant updatedAt = base.updatedAt() == null || context.occurredAt().isAfter(base.updatedAt())
                    ? context.occurredAt() : base.updatedAt();
            return new ProfileState(base.customerId(), context.sequence(), base.kind(), base.nature(), base.tier(),
                    base.source(), grade, ownerId, status, card, base.registeredAt(), lastContactAt, nextFollowUpOn,
                    visitCount, complaints, consentGranted, updatedAt, personalDataErased, referredBy, lastReviewedAt,
                    freshAt, archiveReason, archivedAt, membershipCard, admission, code, admissionSince, returnReasons,
                    proposals, mergedInto, pool, team, credit, route, tradeType, remarks);
        }
    }
}
