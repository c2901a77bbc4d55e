package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/** The rep read the team leader's remark and acknowledged it: it leaves the agenda, it stays on the card. */
@Revision("1")
public record RemarkAcknowledgedEvent(CustomerId customerId, int remarkNo) implements CustomerEvent {
}
