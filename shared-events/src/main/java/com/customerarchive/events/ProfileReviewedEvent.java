package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The card was checked with the customer and is current (动态管理), whether or not anything changed. */
@Revision("1")
public record ProfileReviewedEvent(
        CustomerId customerId,
        String notes) implements CustomerEvent {
}
