package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.org.PoolRules;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The public pool's commands on one customer (公海: return, release, claim, assign, lock). */
public final class PoolCommands {

    private PoolCommands() {
    }

    /** The return job's: back to the pool if the pool's rule says so at {@code asOf}; otherwise nothing happens. */
    public record ReturnIfDue(@TargetAggregateIdentifier CustomerId customerId, String poolId, PoolRules rules,
                              Instant asOf) {
    }

    /** Put back by hand (its owner, or a lead over it), with a reason. */
    public record Release(@TargetAggregateIdentifier CustomerId customerId, String poolId, String reason) {
    }

    /** A rep takes a customer from the pool; the rep that it came back from waits {@code previousOwnerWaitDays}. */
    public record Claim(@TargetAggregateIdentifier CustomerId customerId, String ownerId, int previousOwnerWaitDays,
                        Instant at) {
    }

    /** A lead gives the customer (from the pool, or from another rep) to a rep. */
    public record Assign(@TargetAggregateIdentifier CustomerId customerId, String ownerId, String reason) {
    }

    public record Lock(@TargetAggregateIdentifier CustomerId customerId) {
    }

    public record Unlock(@TargetAggregateIdentifier CustomerId customerId) {
    }
}
