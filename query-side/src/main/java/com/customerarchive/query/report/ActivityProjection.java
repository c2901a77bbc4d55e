package com.customerarchive.query.report;

import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.history.EventContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import com.customerarchive.query.eventstore.BatchedWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.UUID;

/** What each rep's customers saw happen: one row per visit, complaint filed or resolved, grade up or down. */
@Component
@ProcessingGroup(ActivityProjection.NAME)
class ActivityProjection {

    static final String NAME = "activity";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    ActivityProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(CustomerRegisteredEvent event) {
        writes.sql("INSERT INTO activity_owner (customer_id, owner_id, grade) VALUES (:id, :owner, :grade) "
                        + "ON CONFLICT DO NOTHING")
                .param("id", event.customerId().value()).param("owner", event.ownerId())
                .param("grade", event.grade().name()).queue();
    }

    @EventHandler
    void on(OwnerTransferredEvent event) {
        writes.sql("UPDATE activity_owner SET owner_id = :owner WHERE customer_id = :id")
                .param("id", event.customerId().value()).param("owner", event.to()).queue();
    }

    @EventHandler
    void on(VisitRecordedEvent event, DomainEventMessage<?> message) {
        record(event.customerId().value(), message, "VISIT", event.method().name());
    }

    @EventHandler
    void on(ComplaintFiledEvent event, DomainEventMessage<?> message) {
        record(event.customerId().value(), message, "COMPLAINT_FILED", event.severity().name());
    }

    @EventHandler
    void on(ComplaintResolvedEvent event, DomainEventMessage<?> message) {
        record(event.customerId().value(), message, "COMPLAINT_RESOLVED", event.responsibility().name());
    }

    /** A is the best grade: moving towards A is up. */
    @EventHandler
    void on(GradeChangedEvent event, DomainEventMessage<?> message) {
        record(event.customerId().value(), message,
                event.to().compareTo(event.from()) < 0 ? "GRADE_UP" : "GRADE_DOWN", event.to().name());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM activity").update();
        jdbc.sql("DELETE FROM activity_owner").update();
    }

    private void record(UUID customerId, DomainEventMessage<?> message, String kind, String detail) {
        EventContext context = EventContext.of(message);
        writes.sql("""
                        INSERT INTO activity (customer_id, sequence, occurred_at, owner_id, kind, detail)
                        SELECT :id, :sequence, :at, owner_id, :kind, :detail FROM activity_owner WHERE customer_id = :id
                        ON CONFLICT (customer_id, sequence) DO NOTHING""")
                .param("id", customerId).param("sequence", context.sequence())
                .param("at", Timestamp.from(context.occurredAt())).param("kind", kind).param("detail", detail)
                .queue();
    }
}
