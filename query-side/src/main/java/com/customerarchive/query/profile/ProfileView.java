package com.customerarchive.query.profile;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A customer's current profile, as API.md names its fields. */
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
        Instant lastContactAt,
        LocalDate nextFollowUpOn,
        boolean overdue,
        int openComplaints,
        int visitCount,
        Instant updatedAt) {
}
