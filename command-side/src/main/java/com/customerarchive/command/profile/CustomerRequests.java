package com.customerarchive.command.profile;

import com.customerarchive.events.BasicSection;
import com.customerarchive.events.BusinessSection;
import com.customerarchive.events.Contact;
import com.customerarchive.events.Grade;
import com.customerarchive.events.PaymentSection;
import com.customerarchive.events.PurchaseSection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Bodies of the customer-level writes; a missing reason is the aggregate's refusal (409), not a 400. */
final class CustomerRequests {

    static final String USER_ID = "[A-Za-z0-9._@-]+";

    private CustomerRequests() {
    }

    record ChangeGrade(@NotNull Grade grade, @Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    record TransferOwner(@NotBlank @Size(max = 64) @Pattern(regexp = USER_ID, message = "letters, digits and . _ @ - only")
                         String ownerId,
                         @Size(max = 2000) String reason,
                         @PastOrPresent Instant occurredAt) {
    }

    record Reason(@Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    /**
     * The card edit as documented (the body is read as a merge patch by {@code CardPatchReader}): any of the card's
     * sections with the fields to change, null to clear one, and when the change happened.
     */
    record CardEdit(BasicSection basic, List<Contact> contacts, BusinessSection business, PaymentSection payment,
                    PurchaseSection purchase, Instant occurredAt) {
    }

    record Referrer(@NotNull java.util.UUID referredBy, @Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    record Review(@Size(max = 4000) String notes, @PastOrPresent Instant occurredAt) {
    }

    record Consent(@NotNull Boolean granted, @NotBlank @Size(max = 200) String purpose, @PastOrPresent Instant occurredAt) {
    }
}
