package com.customerarchive.command.customer;

import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.Grade;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer and its whole stream: card, grade, visits, complaints, ownership, consent. Every handler
 * answers the customer's version after it (the number of events in its stream).
 */
@Aggregate(cache = "customerCache", snapshotTriggerDefinition = "customerSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Customer {

    @AggregateIdentifier
    private CustomerId customerId;
    private CustomerRegisteredEvent registration;
    private CustomerStatus status;
    private Grade grade;
    private String ownerId;
    private ProfileCard card;
    private int visitCount;
    private boolean erased;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, Complaint> complaints = new HashMap<>();

    Customer() {
        // for Axon and snapshots
    }

    /** A repeat of the same registration answers as the first and writes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RegisterCustomerCommand command) {
        var registered = new CustomerRegisteredEvent(command.customerId(), command.kind(), command.nature(),
                command.tier(), command.source(), command.grade(), command.ownerId(), command.card());
        if (registration != null) {
            if (registration.equals(registered)) {
                return 1;
            }
            throw new RuleViolationException(Rule.CUSTOMER_ID_TAKEN);
        }
        apply(registered);
        return version();
    }

    @CommandHandler
    CardEdit handle(EditProfileCardCommand command) {
        requireActive();
        ProfileCard edited = CardChanges.merge(card, command.patch());
        List<FieldChange> changes = CardChanges.between(card, edited);
        if (!changes.isEmpty()) {
            apply(new ProfileCardEditedEvent(customerId, changes, edited));
        }
        return new CardEdit(version(), changes.stream().map(FieldChange::field).toList());
    }

    @CommandHandler
    long handle(ChangeGradeCommand command) {
        requireActive();
        requireReason(command.reason());
        if (command.grade() == grade) {
            throw new RuleViolationException(Rule.SAME_GRADE, "The customer already has grade " + grade + ".");
        }
        apply(new GradeChangedEvent(customerId, grade, command.grade(), command.reason()));
        return version();
    }

    @CommandHandler
    RecordedVisit handle(RecordVisitCommand command) {
        requireActive();
        int visitNo = visitCount + 1;
        apply(new VisitRecordedEvent(customerId, visitNo, command.visitedAt(), command.method(), command.contact(),
                grade, command.notes(), command.conclusion(), command.nextFollowUpOn()));
        return new RecordedVisit(visitNo, version());
    }

    @CommandHandler
    long handle(FileComplaintCommand command) {
        requireActive();
        apply(new ComplaintFiledEvent(customerId, command.complaintId(), command.category(), command.severity(),
                command.description(), command.channel()));
        return version();
    }

    @CommandHandler
    long handle(AssignComplaintCommand command) {
        complaint(command.complaintId()).assign(command.assignee());
        return version();
    }

    @CommandHandler
    long handle(ResolveComplaintCommand command) {
        complaint(command.complaintId()).resolve(command.resolution(), command.responsibility());
        return version();
    }

    @CommandHandler
    long handle(FollowUpComplaintCommand command) {
        complaint(command.complaintId()).followUp(command.satisfaction(), command.notes());
        return version();
    }

    @CommandHandler
    long handle(CloseComplaintCommand command) {
        complaint(command.complaintId()).close();
        return version();
    }

    @CommandHandler
    long handle(ReopenComplaintCommand command) {
        Complaint complaint = complaint(command.complaintId());
        requireReason(command.reason());
        complaint.reopen(command.reason());
        return version();
    }

    @CommandHandler
    long handle(TransferOwnerCommand command) {
        requireActive();
        requireReason(command.reason());
        if (Objects.equals(command.ownerId(), ownerId)) {
            throw new RuleViolationException(Rule.SAME_OWNER);
        }
        apply(new OwnerTransferredEvent(customerId, ownerId, command.ownerId(), command.reason()));
        return version();
    }

    @CommandHandler
    long handle(ArchiveCustomerCommand command) {
        requireActive();
        requireReason(command.reason());
        apply(new CustomerArchivedEvent(customerId, command.reason()));
        return version();
    }

    @CommandHandler
    long handle(ReactivateCustomerCommand command) {
        requireNotErased();
        if (status != CustomerStatus.ARCHIVED) {
            throw new RuleViolationException(Rule.CUSTOMER_NOT_ARCHIVED);
        }
        requireReason(command.reason());
        apply(new CustomerReactivatedEvent(customerId, command.reason()));
        return version();
    }

    @CommandHandler
    long handle(RecordConsentCommand command) {
        requireActive();
        apply(new ConsentRecordedEvent(customerId, command.granted(), command.purpose()));
        return version();
    }

    private Complaint complaint(ComplaintId complaintId) {
        Complaint complaint = complaints.get(complaintId.toString());
        if (complaint == null) {
            throw new ComplaintNotFoundException(complaintId);
        }
        requireActive();
        return complaint;
    }

    /**
     * Crypto-shredding: the customer's key is destroyed in the same transaction (see PersonalDataEraser); from
     * then on every personal field of its events reads as "[erased]" and the record takes no further change,
     * which would need a new key.
     */
    @CommandHandler
    long handle(EraseCustomerPersonalDataCommand command) {
        requireNotErased();
        requireReason(command.reason());
        apply(new PersonalDataErasedEvent(customerId, command.reason()));
        return version();
    }

    private void requireNotErased() {
        if (erased) {
            throw new RuleViolationException(Rule.PERSONAL_DATA_ERASED);
        }
    }

    private void requireActive() {
        requireNotErased();
        if (status == CustomerStatus.ARCHIVED) {
            throw new RuleViolationException(Rule.CUSTOMER_ARCHIVED);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolationException(Rule.REASON_REQUIRED);
        }
    }

    private static long version() {
        return AggregateLifecycle.getVersion() + 1;
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        erased = true;
        card = null;
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        customerId = event.customerId();
        registration = event;
        status = CustomerStatus.ACTIVE;
        grade = event.grade();
        ownerId = event.ownerId();
        card = event.card();
    }

    @EventSourcingHandler
    void on(ProfileCardEditedEvent event) {
        card = event.card();
    }

    @EventSourcingHandler
    void on(GradeChangedEvent event) {
        grade = event.to();
    }

    @EventSourcingHandler
    void on(VisitRecordedEvent event) {
        visitCount = event.visitNo();
    }

    @EventSourcingHandler
    void on(ComplaintFiledEvent event) {
        complaints.put(event.complaintId().toString(), new Complaint(customerId, event.complaintId()));
    }

    @EventSourcingHandler
    void on(OwnerTransferredEvent event) {
        ownerId = event.to();
    }

    @EventSourcingHandler
    void on(CustomerArchivedEvent event) {
        status = CustomerStatus.ARCHIVED;
    }

    @EventSourcingHandler
    void on(CustomerReactivatedEvent event) {
        status = CustomerStatus.ACTIVE;
    }
}
