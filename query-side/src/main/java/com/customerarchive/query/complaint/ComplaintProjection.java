package com.customerarchive.query.complaint;

import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.query.history.EventContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import com.customerarchive.query.eventstore.BatchedWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Map;

/** Every complaint with its lifecycle dates and the owner of its customer; versions guard replays. */
@Component
@ProcessingGroup(ComplaintProjection.NAME)
class ComplaintProjection {

    static final String NAME = "complaints";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    ComplaintProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(CustomerRegisteredEvent event) {
        writes.sql("INSERT INTO complaint_owner (customer_id, owner_id) VALUES (:id, :owner) ON CONFLICT DO NOTHING")
                .param("id", event.customerId().value()).param("owner", event.ownerId()).queue();
    }

    @EventHandler
    void on(OwnerTransferredEvent event, DomainEventMessage<?> message) {
        writes.sql("UPDATE complaint_owner SET owner_id = :owner WHERE customer_id = :id")
                .param("id", event.customerId().value()).param("owner", event.to()).queue();
        writes.sql("UPDATE complaint SET owner_id = :owner WHERE customer_id = :id")
                .param("id", event.customerId().value()).param("owner", event.to()).queue();
    }

    @EventHandler
    void on(ComplaintFiledEvent event, DomainEventMessage<?> message) {
        EventContext context = EventContext.of(message);
        writes.sql("""
                        INSERT INTO complaint (complaint_id, customer_id, version, owner_id, category, severity, status,
                                               description, channel, filed_at, opened_at)
                        SELECT :complaint, :customer, :version, owner_id, :category, :severity, 'FILED',
                               :description, :channel, :at, :at
                        FROM complaint_owner WHERE customer_id = :customer
                        ON CONFLICT (complaint_id) DO NOTHING""")
                .param("complaint", event.complaintId().value()).param("customer", event.customerId().value())
                .param("version", context.sequence()).param("category", event.category().name())
                .param("severity", event.severity().name()).param("description", event.description())
                .param("channel", event.channel()).param("at", Timestamp.from(context.occurredAt()))
                .queue();
    }

    @EventHandler
    void on(ComplaintAssignedEvent event, DomainEventMessage<?> message) {
        update(event.complaintId(), message, "assignee = :assignee, "
                + "status = CASE WHEN status = 'FILED' THEN 'ASSIGNED' ELSE status END", Map.of("assignee", event.assignee()));
    }

    @EventHandler
    void on(ComplaintResolvedEvent event, DomainEventMessage<?> message) {
        update(event.complaintId(), message, "status = 'RESOLVED', resolution = :resolution, "
                        + "responsibility = :responsibility, resolved_at = :at",
                Map.of("resolution", event.resolution(), "responsibility", event.responsibility().name()));
    }

    @EventHandler
    void on(ComplaintFollowedUpEvent event, DomainEventMessage<?> message) {
        update(event.complaintId(), message, "status = 'FOLLOWED_UP', satisfaction = :satisfaction",
                Map.of("satisfaction", event.satisfaction()));
    }

    @EventHandler
    void on(ComplaintClosedEvent event, DomainEventMessage<?> message) {
        update(event.complaintId(), message, "status = 'CLOSED', closed_at = :at", Map.of());
    }

    /** A reopened complaint is open again, its target counted from the reopening. */
    @EventHandler
    void on(ComplaintReopenedEvent event, DomainEventMessage<?> message) {
        update(event.complaintId(), message,
                "status = 'REOPENED', opened_at = :at, resolved_at = NULL, closed_at = NULL", Map.of());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM complaint").update();
        jdbc.sql("DELETE FROM complaint_owner").update();
    }

    private void update(ComplaintId complaintId, DomainEventMessage<?> message, String assignments,
                        Map<String, Object> values) {
        EventContext context = EventContext.of(message);
        writes.sql("UPDATE complaint SET " + assignments + ", version = :version "
                        + "WHERE complaint_id = :complaint AND version < :version")
                .params(values).param("complaint", complaintId.value()).param("version", context.sequence())
                .param("at", Timestamp.from(context.occurredAt()))
                .queue();
    }
}
