package com.customerarchive.query.profile;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.query.rules.ArchiveRules;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
        Instant asOf) {

    static ProfileView of(ProfileState state, ArchiveRules rules, Instant judgedAt, Instant asOf) {
        Instant lastContact = state.lastContactAt() != null ? state.lastContactAt() : state.registeredAt();
        boolean overdue = state.status() == CustomerStatus.ACTIVE
                && Duration.between(lastContact, judgedAt).compareTo(Duration.ofDays(rules.cadence(state.grade()))) > 0;
        boolean stale = Duration.between(state.updatedAt(), judgedAt).compareTo(Duration.ofDays(rules.staleAfterDays())) > 0;
        return new ProfileView(state.customerId(), state.version(), state.kind(), state.nature(), state.tier(),
                state.source(), state.grade(), state.ownerId(), state.status(), state.card(), state.registeredAt(),
                state.lastContactAt(), state.nextFollowUpOn(), overdue, stale, state.openComplaints(),
                state.visitCount(), state.consentGranted(), state.personalDataErased(), state.updatedAt(), asOf);
    }
}
