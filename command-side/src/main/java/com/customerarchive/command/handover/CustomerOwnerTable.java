package com.customerarchive.command.handover;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/**
 * Who owns each customer now: a command-side lookup written by the event store in the transaction of the events
 * that decide it (a registration, a transfer, a merge), so it is never behind the events. A handover ({@link Handovers})
 * reads a rep's book here; the customer itself still decides each transfer.
 */
@Repository
public class CustomerOwnerTable {

    private final JdbcClient jdbc;

    CustomerOwnerTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes what these events, about to be stored in this order, change in ownership (most change nothing). */
    public void record(List<? extends CustomerEvent> events) {
        for (CustomerEvent event : events) {
            if (event instanceof CustomerRegisteredEvent registered) {
                owned(registered.customerId().value(), registered.ownerId());
            } else if (event instanceof OwnerTransferredEvent transferred) {
                owned(transferred.customerId().value(), transferred.to());
            } else if (event instanceof CustomerMergedEvent merge) {
                jdbc.sql("UPDATE customer_owner SET merged = true WHERE customer_id = :id")
                        .param("id", merge.customerId().value()).update();
            }
        }
    }

    private void owned(UUID customerId, String ownerId) {
        jdbc.sql("INSERT INTO customer_owner (customer_id, owner_id) VALUES (:id, :owner) "
                        + "ON CONFLICT (customer_id) DO UPDATE SET owner_id = EXCLUDED.owner_id")
                .param("id", customerId).param("owner", ownerId).update();
    }
}
