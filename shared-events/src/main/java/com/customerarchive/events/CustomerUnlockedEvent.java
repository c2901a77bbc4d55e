package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The lock against the public pool is lifted; the pool's rule applies again from now on. */
@Revision("1")
public record CustomerUnlockedEvent(CustomerId customerId, String ownerId) implements CustomerEvent {
}
