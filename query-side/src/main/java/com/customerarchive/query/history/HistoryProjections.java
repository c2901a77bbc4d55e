package com.customerarchive.query.history;

import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Tables;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The three audit read models; all keyed by (customer, sequence), so an event applied twice adds nothing. Rows
 * wait in the writer until its flush; an erasure blanks the customer's rows once they are written.
 */
final class HistoryProjections {

    private HistoryProjections() {
    }

    @Component
    static class History implements ReadModel {

        static final String NAME = "history";
        private final HistoryRepository repository;

        History(HistoryRepository repository) {
            this.repository = repository;
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
        public Writer writer(Tables tables) {
            return new Pending(event -> true) {
                @Override
                void write(List<PassEvent> events, List<Erasure> erased) {
                    repository.addEvents(tables, events);
                    erased.forEach(erasure -> repository.redactHistory(tables, erasure));
                }
            };
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
        public Writer writer(Tables tables) {
            return new Pending(event -> Erasure.of(event.event()).isEmpty() && !event.changes().isEmpty()) {
                @Override
                void write(List<PassEvent> events, List<Erasure> erased) {
                    repository.addFieldChanges(tables, events);
                    erased.forEach(erasure -> repository.redactFieldChanges(tables, erasure));
                }
            };
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
        public Writer writer(Tables tables) {
            return new Pending(event -> event.event() instanceof CustomerRegisteredEvent
                    || event.event() instanceof GradeChangedEvent) {
                @Override
                void write(List<PassEvent> events, List<Erasure> erased) {
                    List<HistoryRepository.GradeRow> grades = new ArrayList<>();
                    for (PassEvent event : events) {
                        if (event.event() instanceof CustomerRegisteredEvent registered) {
                            grades.add(new HistoryRepository.GradeRow(event, null, registered.grade().name(), null));
                        } else if (event.event() instanceof GradeChangedEvent changed) {
                            grades.add(new HistoryRepository.GradeRow(event, changed.from().name(),
                                    changed.to().name(), changed.reason()));
                        }
                    }
                    repository.addGrades(tables, grades);
                }
            };
        }
    }

    /** The events a writer keeps until its flush, and the customers erased meanwhile. */
    private abstract static class Pending implements ReadModel.Writer {

        private final java.util.function.Predicate<PassEvent> kept;
        private final List<PassEvent> events = new ArrayList<>();
        private final List<Erasure> erased = new ArrayList<>();

        Pending(java.util.function.Predicate<PassEvent> kept) {
            this.kept = kept;
        }

        abstract void write(List<PassEvent> events, List<Erasure> erased);

        @Override
        public void apply(List<PassEvent> batch) {
            for (PassEvent event : batch) {
                Erasure.of(event.event()).ifPresent(erased::add);
                if (kept.test(event)) {
                    events.add(event);
                }
            }
        }

        @Override
        public void flush() {
            write(events, erased);
            events.clear();
            erased.clear();
        }
    }
}
