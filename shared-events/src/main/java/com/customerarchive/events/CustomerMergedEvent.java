package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * The customer was found to be a duplicate of another (客户归属) and merged into it: from now on it is read-only, its
 * reads name the target, reports count it as the target; its history stays.
 */
@Revision("1")
public record CustomerMergedEvent(
        CustomerId customerId,
        CustomerId mergedInto,
        String reason) implements CustomerEvent {
}
