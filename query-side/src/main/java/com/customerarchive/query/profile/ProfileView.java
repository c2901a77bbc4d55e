package com.customerarchive.query.profile;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.ReturnReason;
import com.customerarchive.events.card.CardFields;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.PurchaseSection;
import com.customerarchive.query.commercial.Commercial;
import com.customerarchive.query.commercial.Figures;
import com.customerarchive.query.commercial.Lifecycle;
import com.customerarchive.query.commercial.Value;
import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Totals;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.query.rules.ArchiveRules;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * A customer's profile as API.md names its fields; {@code overdue} and {@code stale} are judged at
 * {@code asOf} (now, unless asked otherwise), which is set only on an as-of answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(
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
        boolean overdue,
        boolean stale,
        int openComplaints,
        int visitCount,
        Boolean consentGranted,
        Boolean personalDataErased,
        Instant updatedAt,
        Instant asOf,
        String referredBy,
        Instant lastReviewedAt,
        Purchases purchases,
        Lifecycle lifecycle,
        Value value,
        MembershipCardState membershipCard,
        String code,
        AdmissionState admission,
        List<ReturnReason> returnReasons,
        List<ProposalState> pendingProposals,
        @Schema(description = "Set when this customer was merged into another as its duplicate (客户归属): the id of "
                + "that customer, which the reads name in a Link header (rel=canonical); this profile is read-only")
        UUID mergedInto,
        @Schema(description = "The public pool (公海): the customer is locked against it by its owner")
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean locked,
        @Schema(description = "The customer's team (相关团队): colleagues beside the owner, READ or WRITE, until a day")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<com.customerarchive.events.TeamMember> team,
        @Schema(description = "Money after the sale (付款信息): terms, rating, and per currency the limit, what is "
                + "receivable, overdue and ordered, the credit, the exposure and the available credit")
        CreditView credit,
        @Schema(description = "The route card: the outlet's route {branch, routeNo, sequence, visitWeeks, weekday}")
        com.customerarchive.events.route.Route route,
        @Schema(description = "The outlet's trade type (业种), a code of the catalogue")
        String tradeType,
        @Schema(description = "The team leader's remarks on the card (组长批示), acknowledged by the rep or not")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RemarkState> remarks,
        @Schema(description = "How complete the card is (档案完整度): score 0–100, the weight of the fields filled in "
                + "over that of all the form asks for (archive.completeness.*), and the missing fields by section")
        com.customerarchive.query.core.Completeness.Score completeness) {

    /**
     * The customer's purchases, cancelled ones left out: what they add up to per currency, and {@code total} only
     * while they are all in one currency (left out when there are several).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Purchases(int count, List<Amount> totals, BigDecimal total, Instant first, Instant last) {
    }

    /** The same profile with its purchases, lifecycle and value, and the card's purchase figures derived from them. */
    ProfileView with(Commercial.Judged judged, BusinessZone zone) {
        Figures figures = judged.figures();
        ProfileCard derived = card == null ? null : new ProfileCard(card.basic(), card.contacts(), card.business(),
                card.payment(), figures.purchases() == 0 ? null : new PurchaseSection(
                day(figures.firstPurchaseAt(), zone), figures.lastYear() + " in the last year", day(figures.lastPurchaseAt(), zone),
                Totals.single(figures.totals())), card.keyPersons());
        return new ProfileView(customerId, version, kind, nature, tier, source, grade, ownerId, status, derived,
                registeredAt, lastContactAt, nextFollowUpOn, overdue, stale, openComplaints, visitCount, consentGranted,
                personalDataErased, updatedAt, asOf, referredBy, lastReviewedAt, new Purchases(figures.purchases(),
                figures.totals(), Totals.single(figures.totals()), figures.firstPurchaseAt(), figures.lastPurchaseAt()),
                // the churn warning also fires on a customer with receivables more than 90 days past due
                credit == null ? judged.lifecycle() : judged.lifecycle().withDaysPastDue(credit.daysPastDue()),
                judged.value(),
                membershipCard, code, admission, returnReasons, pendingProposals, mergedInto, locked, team, credit,
                route, tradeType, remarks, completeness);
    }

    /** The same profile with the card's personal fields and the referral link "[withheld]" (consent withdrawn). */
    ProfileView withheld() {
        return withheld(Redaction.card(card, Redaction.WITHHELD));
    }

    /** What finance reads: the name, and no other personal field. */
    ProfileView withheldButName() {
        return withheld(Redaction.cardButName(card, Redaction.WITHHELD));
    }

    private ProfileView withheld(com.customerarchive.events.ProfileCard shown) {
        return new ProfileView(customerId, version, kind, nature, tier, source, grade, ownerId, status,
                shown, registeredAt, lastContactAt, nextFollowUpOn, overdue, stale,
                openComplaints, visitCount, consentGranted, personalDataErased, updatedAt, asOf,
                referredBy == null ? null : Redaction.WITHHELD, lastReviewedAt, purchases, lifecycle, value, membershipCard,
                code, admission, returnReasons, pendingProposals == null ? null : pendingProposals.stream()
                .map(proposal -> new ProposalState(proposal.proposalId(), proposal.changes().stream()
                        .map(change -> CardFields.isPersonal(change.field()) ? new com.customerarchive.events.FieldChange(
                                change.field(), Redaction.WITHHELD, Redaction.WITHHELD) : change).toList(),
                        proposal.proposedBy(), proposal.proposedAt())).toList(),
                mergedInto, locked, team, credit, route, tradeType, remarks, completeness);
    }

    private static LocalDate day(Instant at, BusinessZone zone) {
        return at == null ? null : zone.dayOf(at);
    }

    static ProfileView of(ProfileState state, ArchiveRules rules, BusinessZone zone, Instant judgedAt, Instant asOf,
                          com.customerarchive.query.core.Completeness completeness) {
        LocalDate judgedOn = zone.dayOf(judgedAt);
        Instant lastContact = state.lastContactAt() != null ? state.lastContactAt() : state.registeredAt();
        boolean overdue = state.status() == CustomerStatus.ACTIVE && state.mergedInto() == null
                && (Duration.between(lastContact, judgedAt).compareTo(Duration.ofDays(rules.cadence(state.grade()))) > 0
                || state.nextFollowUpOn() != null
                && state.nextFollowUpOn().isBefore(judgedOn));
        boolean stale = Duration.between(state.freshSince(), judgedAt)
                .compareTo(Duration.ofDays(rules.staleAfterDays())) > 0;
        return new ProfileView(state.customerId(), state.version(), state.kind(), state.nature(), state.tier(),
                state.source(), state.grade(), state.ownerId(), state.status(), state.card(), state.registeredAt(),
                state.lastContactAt(), state.nextFollowUpOn(), overdue, stale, state.openComplaints(),
                state.visitCount(), state.consentGranted(), state.personalDataErased(), state.updatedAt(), asOf,
                state.referredBy(), state.lastReviewedAt(), null, null, null,
                state.membershipCard() == null ? null : state.membershipCard().judgedOn(judgedOn), state.code(),
                state.admission(), state.returnReasons().isEmpty() ? null : state.returnReasons(),
                state.proposals().isEmpty() ? null : state.proposals(), state.mergedInto(),
                state.pool().locked() ? Boolean.TRUE : null, state.team(),
                CreditView.of(state.card() == null ? null : state.card().payment(), state.credit(), judgedOn),
                state.route(), state.tradeType(), state.remarks(), completeness.of(state.kind(), state.card()));
    }
}
