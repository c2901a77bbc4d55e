package com.customerarchive.command.customer;

import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.Responsibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A complaint inside its customer's stream, carried through its lifecycle:
 * FILED → ASSIGNED → RESOLVED → FOLLOWED_UP → CLOSED, with RESOLVED, FOLLOWED_UP or CLOSED → REOPENED.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Complaint {

    @EntityId
    private ComplaintId complaintId;
    private CustomerId customerId;
    private ComplaintStatus status;
    private String assignee;

    Complaint() {
        // for snapshots
    }

    Complaint(CustomerId customerId, ComplaintId complaintId) {
        this.customerId = customerId;
        this.complaintId = complaintId;
        this.status = ComplaintStatus.FILED;
    }

    void assign(String newAssignee) {
        if (isResolved()) {
            throw new RuleViolationException(Rule.COMPLAINT_ALREADY_RESOLVED,
                    "The complaint is " + status + "; reopen it before assigning it again.");
        }
        apply(new ComplaintAssignedEvent(customerId, complaintId, newAssignee));
    }

    void resolve(String resolution, Responsibility responsibility) {
        if (isResolved()) {
            throw new RuleViolationException(Rule.COMPLAINT_ALREADY_RESOLVED,
                    "The complaint is already " + status + "; reopen it before resolving it again.");
        }
        if (assignee == null) {
            throw new RuleViolationException(Rule.COMPLAINT_NOT_ASSIGNED);
        }
        apply(new ComplaintResolvedEvent(customerId, complaintId, resolution, responsibility));
    }

    void followUp(int satisfaction, String notes) {
        if (status != ComplaintStatus.RESOLVED) {
            throw new RuleViolationException(Rule.COMPLAINT_NOT_RESOLVED,
                    "The complaint is " + status + "; a return visit is recorded once, after its resolution.");
        }
        if (satisfaction < 1 || satisfaction > 5) {
            throw new RuleViolationException(Rule.SATISFACTION_OUT_OF_RANGE,
                    "Satisfaction " + satisfaction + " is outside 1 to 5.");
        }
        apply(new ComplaintFollowedUpEvent(customerId, complaintId, satisfaction, notes));
    }

    void close() {
        if (status != ComplaintStatus.FOLLOWED_UP) {
            throw new RuleViolationException(Rule.COMPLAINT_NOT_FOLLOWED_UP,
                    "The complaint is " + status + "; it is closed only after its return visit.");
        }
        apply(new ComplaintClosedEvent(customerId, complaintId));
    }

    void reopen(String reason) {
        if (!isResolved()) {
            throw new RuleViolationException(Rule.COMPLAINT_STILL_OPEN,
                    "The complaint is " + status + "; only a resolved, followed-up or closed one is reopened.");
        }
        apply(new ComplaintReopenedEvent(customerId, complaintId, reason));
    }

    /** Closed after its return visit: nothing more is owed on it. */
    boolean closed() {
        return status == ComplaintStatus.CLOSED;
    }

    private boolean isResolved() {
        return status == ComplaintStatus.RESOLVED || status == ComplaintStatus.FOLLOWED_UP
                || status == ComplaintStatus.CLOSED;
    }

    /** Value equality, so a customer rebuilt from its events equals the one that applied them. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Complaint that && Objects.equals(complaintId, that.complaintId)
                && Objects.equals(customerId, that.customerId) && status == that.status
                && Objects.equals(assignee, that.assignee);
    }

    @Override
    public int hashCode() {
        return Objects.hash(complaintId, status, assignee);
    }

    @EventSourcingHandler
    void on(ComplaintAssignedEvent event) {
        assignee = event.assignee();
        if (status == ComplaintStatus.FILED) {
            status = ComplaintStatus.ASSIGNED;
        }
    }

    @EventSourcingHandler
    void on(ComplaintResolvedEvent event) {
        status = ComplaintStatus.RESOLVED;
    }

    @EventSourcingHandler
    void on(ComplaintFollowedUpEvent event) {
        status = ComplaintStatus.FOLLOWED_UP;
    }

    @EventSourcingHandler
    void on(ComplaintClosedEvent event) {
        status = ComplaintStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(ComplaintReopenedEvent event) {
        status = ComplaintStatus.REOPENED;
    }
}
