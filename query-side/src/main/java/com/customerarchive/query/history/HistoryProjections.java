package com.customerarchive.query.history;

import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.privacy.Redaction;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** The three audit read models; all keyed by (customer, sequence), so an event applied twice adds nothing. */
final class HistoryProjections {

    private HistoryProjections() {
    }

    @Component
    static class History implements ReadModel {

        static final String NAME = "history";
        private final HistoryRepository repository;
        private final Redaction redaction;

        History(HistoryRepository repository, Redaction redaction) {
            this.repository = repository;
            this.redaction = redaction;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<String> tables() {
            return List.of(HistoryRepository.EVENTS);
        }

        @Override
        public void apply(List<PassEvent> events, Tables tables) {
            repository.addEvents(tables, events);
            events.stream().filter(event -> event.event() instanceof PersonalDataErasedEvent)
                    .forEach(erased -> repository.redactHistory(tables, erased.customerId(), redaction));
        }
    }

    @Component
    static class FieldChanges implements ReadModel {

        static final String NAME = "field-changes";
        private final HistoryRepository repository;

        FieldChanges(HistoryRepository repository) {
            this.repository = repository;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<String> tables() {
            return List.of(HistoryRepository.FIELD_CHANGES);
        }

        @Override
        public void apply(List<PassEvent> events, Tables tables) {
            repository.addFieldChanges(tables, events.stream()
                    .filter(event -> !(event.event() instanceof PersonalDataErasedEvent)).toList());
            events.stream().filter(event -> event.event() instanceof PersonalDataErasedEvent)
                    .forEach(erased -> repository.redactFieldChanges(tables, erased.customerId()));
        }
    }

    @Component
    static class Grades implements ReadModel {

        static final String NAME = "grades";
        private final HistoryRepository repository;

        Grades(HistoryRepository repository) {
            this.repository = repository;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<String> tables() {
            return List.of(HistoryRepository.GRADES);
        }

        @Override
        public void apply(List<PassEvent> events, Tables tables) {
            List<HistoryRepository.GradeRow> grades = new ArrayList<>();
            for (PassEvent event : events) {
                if (event.event() instanceof CustomerRegisteredEvent registered) {
                    grades.add(new HistoryRepository.GradeRow(event, null, registered.grade().name(), null));
                } else if (event.event() instanceof GradeChangedEvent changed) {
                    grades.add(new HistoryRepository.GradeRow(event, changed.from().name(), changed.to().name(),
                            changed.reason()));
                }
            }
            repository.addGrades(tables, grades);
        }
    }
}
