package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * A manager other than the card's author reviewed and signed it (签字): the customer is admitted under its code,
 * unique and never reused. Customers registered before review existed get theirs by the migration
 * ({@code migrated}: no manager reviewed them).
 */
@Revision("1")
public record CustomerApprovedEvent(
        CustomerId customerId,
        String code,
        String notes,
        boolean migrated) implements CustomerEvent {
}
