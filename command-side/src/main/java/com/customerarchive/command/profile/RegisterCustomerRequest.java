package com.customerarchive.command.profile;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Body of {@code POST /api/customers}; the card's own constraints live in {@code CardConstraints}. */
record RegisterCustomerRequest(
        UUID customerId,
        @NotNull CustomerKind kind,
        @NotNull CustomerNature nature,
        @NotNull CustomerTier tier,
        @NotNull InformationSource source,
        @NotNull Grade grade,
        @NotBlank @Size(max = 64) @Pattern(regexp = CustomerRequests.USER_ID, message = "letters, digits and . _ @ - only")
        String ownerId,
        @NotNull @Valid ProfileCard card,
        @PastOrPresent Instant occurredAt,
        UUID referredBy,
        /* a MANAGER's registration despite possible duplicates, with the reason */
        Boolean force,
        @Size(max = 2000) String forceReason) {
}
