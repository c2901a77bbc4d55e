package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * The team leader checked the card and wrote back on it (组长批示), numbered per customer, about a visit's figures
 * ({@code visitNo}) or the card as a whole (null); it stays on the card and the rep's agenda until the rep acknowledges it.
 */
@Revision("1")
public record RemarkWrittenEvent(CustomerId customerId, int remarkNo, Integer visitNo, String text)
        implements CustomerEvent {
}
