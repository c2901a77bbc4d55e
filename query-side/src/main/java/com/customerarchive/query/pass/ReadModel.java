package com.customerarchive.query.pass;

import java.util.List;
import java.util.Optional;

/**
 * A read model fed by the one pass: it receives each batch of events once, in store order, and writes its own
 * tables (named through {@link Tables}, so a rebuild can fill new ones). Applying an event it has already applied
 * changes nothing.
 */
public interface ReadModel {

    /** The name managers and the admin API know it by. */
    String name();

    /** The tables it owns, rebuilt and swapped together. */
    List<String> tables();

    /** False for what can never be rebuilt from the events alone (the feed's positions are for ever). */
    default boolean rebuildable() {
        return true;
    }

    /**
     * True for a read model the live pass writes and commits in a transaction of its own before the others (the
     * feed: its live subscribers hear of a batch without waiting for every other read model to be written). Its
     * writer must skip events it already holds: when the others' transaction fails after its own committed, the
     * batch comes to it again.
     */
    default boolean committedAhead() {
        return false;
    }

    /**
     * A writer of the read model's tables. The live pass flushes it after every batch; a rebuild folds many
     * batches into it and flushes at its checkpoints, so a customer touched by a thousand events is written once.
     */
    Writer writer(Tables tables);

    /** The read model of that name among these. */
    static Optional<ReadModel> named(List<ReadModel> models, String name) {
        return models.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    /** A writer for each of the read models, in their order. */
    static List<Writer> writers(List<ReadModel> models, Tables tables) {
        return models.stream().map(model -> model.writer(tables)).toList();
    }

    /** Writes events into the read model's tables with a writer of their own, inside the caller's transaction. */
    default void writeAlone(Tables tables, List<PassEvent> events) {
        Writer writer = writer(tables);
        writer.apply(events);
        writer.flush();
    }

    interface Writer {

        /** Folds the events into what the writer holds; may read its tables for rows it does not hold yet. */
        void apply(List<PassEvent> events);

        /** Writes everything applied since the last flush, inside the caller's transaction. */
        void flush();
    }
}
