package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The team leader's remarks on the route card (组长批示) and the rep's acknowledgement. */
public final class RemarkCommands {

    private RemarkCommands() {
    }

    /** @param visitNo the visit whose figures it is about; null: the card as a whole */
    public record Write(@TargetAggregateIdentifier CustomerId customerId, @TargetAggregateVersion Long expectedVersion,
                        Integer visitNo, String text) {
    }

    public record Acknowledge(@TargetAggregateIdentifier CustomerId customerId,
                              @TargetAggregateVersion Long expectedVersion, int remarkNo) {
    }

    /** The remark's number and the customer's version after it. */
    public record Written(int remarkNo, long version) {
    }
}
