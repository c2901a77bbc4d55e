package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The owner locked (锁定) the customer against the public pool: no rule returns it while locked. */
@Revision("1")
public record CustomerLockedEvent(CustomerId customerId, String ownerId) implements CustomerEvent {
}
