package com.customerarchive.command.handover;

import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.CustomerClaimedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerLockedEvent;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerUnlockedEvent;
import com.customerarchive.events.OwnerChange;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who owns each customer now, since when, and when it was last followed up and bought: a command-side lookup written
 * by the event store in the transaction of the events that decide it, so it is never behind the events (with the
 * grade and whether the customer is archived, for the pool's return job to pass over the exempt). A handover
 * ({@link Handovers}) reads a rep's book here, the public pool's return job the customers whose clock may have run
 * out and the caps their counts; the customer itself still decides each transfer and each return.
 */
@Repository
public class CustomerOwnerTable {

    /** An event about to be stored, and when it happened in the business. */
    public record Stored(CustomerEvent event, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    CustomerOwnerTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes what these events, about to be stored in this order, change (most change nothing). */
    public void record(List<Stored> events) {
        for (Stored stored : events) {
            CustomerEvent event = stored.event();
            UUID id = event.customerId().value();
            if (event instanceof CustomerRegisteredEvent registered) {
                owned(id, registered.ownerId(), stored.occurredAt());
                jdbc.sql("UPDATE customer_owner SET grade = :grade WHERE customer_id = :id")
                        .param("grade", registered.grade() == null ? null : registered.grade().name()).param("id", id)
                        .update();
            } else if (event instanceof com.customerarchive.events.GradeChangedEvent changed) {
                jdbc.sql("UPDATE customer_owner SET grade = :grade WHERE customer_id = :id")
                        .param("grade", changed.to().name()).param("id", id).update();
            } else if (event instanceof com.customerarchive.events.CustomerArchivedEvent
                    || event instanceof com.customerarchive.events.CustomerReactivatedEvent) {
                jdbc.sql("UPDATE customer_owner SET archived = :archived WHERE customer_id = :id")
                        .param("archived", event instanceof com.customerarchive.events.CustomerArchivedEvent)
                        .param("id", id).update();
            } else if (event instanceof OwnerChange change) {
                owned(id, change.newOwnerId(), stored.occurredAt());
                if (event instanceof CustomerClaimedEvent claimed) {
                    jdbc.sql("INSERT INTO pool_claim (customer_id, owner_id, claimed_at) VALUES (:id, :owner, :at) "
                                    + "ON CONFLICT DO NOTHING")
                            .param("id", id).param("owner", claimed.ownerId()).param("at", at(stored.occurredAt()))
                            .update();
                }
            } else if (event instanceof CustomerMergedEvent) {
                jdbc.sql("UPDATE customer_owner SET merged = true WHERE customer_id = :id").param("id", id).update();
            } else if (event instanceof VisitRecordedEvent visit) {
                later(id, "last_follow_up", visit.visitedAt() != null ? visit.visitedAt() : stored.occurredAt());
            } else if (event instanceof ComplaintFollowedUpEvent) {
                later(id, "last_follow_up", stored.occurredAt());
            } else if (event instanceof PurchaseRecordedEvent purchase) {
                later(id, "last_purchase", purchase.purchasedAt() != null ? purchase.purchasedAt() : stored.occurredAt());
            } else if (event instanceof CustomerLockedEvent || event instanceof CustomerUnlockedEvent) {
                jdbc.sql("UPDATE customer_owner SET locked = :locked WHERE customer_id = :id")
                        .param("locked", event instanceof CustomerLockedEvent).param("id", id).update();
            }
        }
    }

    private void owned(UUID customerId, String ownerId, Instant since) {
        jdbc.sql("INSERT INTO customer_owner (customer_id, owner_id, owner_since) VALUES (:id, :owner, :since) "
                        + "ON CONFLICT (customer_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, "
                        + "owner_since = EXCLUDED.owner_since, locked = false")
                .param("id", customerId).param("owner", ownerId).param("since", at(since)).update();
    }

    private void later(UUID customerId, String column, Instant at) {
        jdbc.sql("UPDATE customer_owner SET " + column + " = GREATEST(" + column + ", :at) WHERE customer_id = :id")
                .param("at", at(at)).param("id", customerId).update();
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.from(instant);
    }
}
