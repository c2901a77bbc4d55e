package com.customerarchive.query.pass;

import java.util.List;

/**
 * A read model fed by the one pass: it receives each batch of events once, in store order, inside the batch's
 * transaction, and writes its own tables (named through {@link Tables}, so a rebuild can fill new ones).
 * Applying an event it has already applied changes nothing.
 */
public interface ReadModel {

    /** The name managers and the admin API know it by. */
    String name();

    /** The tables it owns, rebuilt and swapped together. */
    List<String> tables();

    void apply(List<PassEvent> events, Tables tables);

    /** False for what can never be rebuilt from the events alone (the feed's positions are for ever). */
    default boolean rebuildable() {
        return true;
    }
}
