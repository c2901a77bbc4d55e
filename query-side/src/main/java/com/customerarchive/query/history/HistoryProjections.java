package com.customerarchive.query.history;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.query.eventstore.BatchedWrites;
import com.customerarchive.query.privacy.Redaction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** The three audit projections, each its own processing group; all keyed by (customer, sequence), so idempotent. */
final class HistoryProjections {

    private HistoryProjections() {
    }

    @Component
    @ProcessingGroup(History.NAME)
    static class History {

        static final String NAME = "history";
        private final HistoryRepository repository;

        private final BatchedWrites writes;
        private final Redaction redaction;

        History(HistoryRepository repository, BatchedWrites writes, Redaction redaction) {
            this.repository = repository;
            this.writes = writes;
            this.redaction = redaction;
        }

        @EventHandler
        void on(CustomerEvent event, DomainEventMessage<?> message) {
            repository.addEvent(event.customerId().value(), EventContext.of(message), EventContext.typeOf(event), event,
                    EventChanges.of(event));
            if (event instanceof PersonalDataErasedEvent) {
                writes.then(() -> repository.redactHistory(event.customerId().value(), redaction));
            }
        }

        @ResetHandler
        void reset() {
            repository.clear("history_event");
        }
    }

    @Component
    @ProcessingGroup(FieldChanges.NAME)
    static class FieldChanges {

        static final String NAME = "field-changes";
        private final HistoryRepository repository;

        private final BatchedWrites writes;

        FieldChanges(HistoryRepository repository, BatchedWrites writes) {
            this.repository = repository;
            this.writes = writes;
        }

        @EventHandler
        void on(CustomerEvent event, DomainEventMessage<?> message) {
            if (event instanceof PersonalDataErasedEvent) {
                writes.then(() -> repository.redactFieldChanges(event.customerId().value()));
                return;
            }
            var changes = EventChanges.of(event);
            if (!changes.isEmpty()) {
                repository.addFieldChanges(event.customerId().value(), EventContext.of(message), changes);
            }
        }

        @ResetHandler
        void reset() {
            repository.clear("field_change");
        }
    }

    @Component
    @ProcessingGroup(Grades.NAME)
    static class Grades {

        static final String NAME = "grades";
        private final HistoryRepository repository;

        Grades(HistoryRepository repository) {
            this.repository = repository;
        }

        @EventHandler
        void on(CustomerRegisteredEvent event, DomainEventMessage<?> message) {
            repository.addGrade(event.customerId().value(), EventContext.of(message), null, event.grade().name(), null);
        }

        @EventHandler
        void on(GradeChangedEvent event, DomainEventMessage<?> message) {
            repository.addGrade(event.customerId().value(), EventContext.of(message), event.from().name(),
                    event.to().name(), event.reason());
        }

        @ResetHandler
        void reset() {
            repository.clear("grade_change");
        }
    }
}
