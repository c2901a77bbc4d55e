package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * Who referred the customer to the practice (转介绍): another customer of the archive, never itself. Who introduced
 * whom is personal data: erasing the customer blinds the link.
 */
@Revision("1")
public record ReferrerRecordedEvent(
        CustomerId customerId,
        @PersonalData String referredBy,
        String reason) implements CustomerEvent {
}
