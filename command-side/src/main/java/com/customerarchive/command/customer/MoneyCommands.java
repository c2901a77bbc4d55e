package com.customerarchive.command.customer;

import com.customerarchive.events.CollectionRecordedEvent.Allocation;
import com.customerarchive.events.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Finance's commands on a customer's money after the sale (发货 · 回款). */
public final class MoneyCommands {

    private MoneyCommands() {
    }

    /**
     * @param shippedOn the business day of {@code shippedAt} (the archive's zone): the terms count from it
     */
    public record RecordShipment(@TargetAggregateIdentifier CustomerId customerId,
                                 @TargetAggregateVersion Long expectedVersion, int purchaseNo, String reference,
                                 Instant shippedAt, LocalDate shippedOn, BigDecimal quantity, BigDecimal amount) {
    }

    /** @param allocations the receivables it settles, by shipment number; empty: the oldest open ones first */
    public record RecordCollection(@TargetAggregateIdentifier CustomerId customerId,
                                   @TargetAggregateVersion Long expectedVersion, String reference, Instant receivedAt,
                                   BigDecimal amount, String currency, List<Allocation> allocations) {
    }

    public record ReverseCollection(@TargetAggregateIdentifier CustomerId customerId,
                                    @TargetAggregateVersion Long expectedVersion, String reference, Instant reversedAt,
                                    String reason) {
    }

    /** The answer to a shipment: its number, its due day, and the customer's version after it. */
    public record Shipped(int shipmentNo, LocalDate dueOn, BigDecimal fromCredit, long version) {
    }

    /** The answer to a collection: its number, what it settled, the credit it left, and the version after it. */
    public record Collected(int collectionNo, List<Allocation> allocations, BigDecimal credit, long version) {
    }
}
