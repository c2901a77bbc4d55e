package com.customerarchive.command.customer;

import com.customerarchive.events.Grade;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

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

    record Consent(@NotNull Boolean granted, @NotBlank @Size(max = 200) String purpose, @PastOrPresent Instant occurredAt) {
    }
}
