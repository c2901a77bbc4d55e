package com.customerarchive.query.followup;

import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.history.EventContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import com.customerarchive.query.eventstore.BatchedWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.UUID;

/** The follow-up schedule: each customer's grade, owner, status and last contact; the row's version guards replays. */
@Component
@ProcessingGroup(FollowUpProjection.NAME)
class FollowUpProjection {

    static final String NAME = "follow-ups";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    FollowUpProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(CustomerRegisteredEvent event, DomainEventMessage<?> message) {
        EventContext context = EventContext.of(message);
        writes.sql("""
                        INSERT INTO follow_up (customer_id, version, owner_id, grade, status, name, registered_at)
                        VALUES (:id, :version, :owner, :grade, 'ACTIVE', :name, :registeredAt)
                        ON CONFLICT (customer_id) DO NOTHING""")
                .param("id", event.customerId().value()).param("version", context.sequence())
                .param("owner", event.ownerId()).param("grade", event.grade().name())
                .param("name", event.card().name()).param("registeredAt", Timestamp.from(context.occurredAt()))
                .queue();
    }

    @EventHandler
    void on(GradeChangedEvent event, DomainEventMessage<?> message) {
        update(event.customerId().value(), message, "grade = :value", event.to().name());
    }

    @EventHandler
    void on(OwnerTransferredEvent event, DomainEventMessage<?> message) {
        update(event.customerId().value(), message, "owner_id = :value", event.to());
    }

    @EventHandler
    void on(ProfileCardEditedEvent event, DomainEventMessage<?> message) {
        update(event.customerId().value(), message, "name = :value", event.card().name());
    }

    @EventHandler
    void on(PersonalDataErasedEvent event, DomainEventMessage<?> message) {
        update(event.customerId().value(), message, "name = :value", Redaction.ERASED);
    }

    @EventHandler
    void on(CustomerArchivedEvent event, DomainEventMessage<?> message) {
        update(event.customerId().value(), message, "status = :value", "ARCHIVED");
    }

    @EventHandler
    void on(CustomerReactivatedEvent event, DomainEventMessage<?> message) {
        update(event.customerId().value(), message, "status = :value", "ACTIVE");
    }

    /** The latest contact counts; a visit recorded late for an earlier day does not move it back. */
    @EventHandler
    void on(VisitRecordedEvent event, DomainEventMessage<?> message) {
        EventContext context = EventContext.of(message);
        var visitedAt = event.visitedAt() != null ? event.visitedAt() : context.occurredAt();
        writes.sql("""
                        UPDATE follow_up SET version = :version,
                            next_follow_up_on = CASE WHEN last_contact_at IS NULL OR last_contact_at <= :visitedAt
                                                     THEN :next ELSE next_follow_up_on END,
                            last_contact_at = GREATEST(COALESCE(last_contact_at, :visitedAt), :visitedAt)
                        WHERE customer_id = :id AND version < :version""")
                .param("id", event.customerId().value()).param("version", context.sequence())
                .param("visitedAt", Timestamp.from(visitedAt))
                .param("next", event.nextFollowUpOn() == null ? null : Date.valueOf(event.nextFollowUpOn()))
                .queue();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM follow_up").update();
    }

    private void update(UUID customerId, DomainEventMessage<?> message, String assignment, String value) {
        writes.sql("UPDATE follow_up SET " + assignment + ", version = :version WHERE customer_id = :id AND version < :version")
                .param("id", customerId).param("version", EventContext.of(message).sequence()).param("value", value)
                .queue();
    }
}
