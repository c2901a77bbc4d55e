package com.customerarchive.query.pass;

import com.customerarchive.query.eventstore.ProcessingProperties;
import io.micrometer.core.instrument.Counter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The rebuild the one pass carries on between its live batches: read models rebuilt from the first event into new
 * tables ({@code <table>_rebuild}), swapped in once they hold everything the serving ones hold. A rebuild asked for
 * on any instance is picked up here; one replaced by a newer request, or abandoned on an event a read model cannot
 * handle, drops its new tables and leaves the serving ones as they are.
 */
final class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    /** A rebuild writes out what it folded at least this often. */
    private static final long CHECKPOINT_NANOS = 2_000_000_000L;

    private final List<ReadModel> models;
    private final PassRepository repository;
    private final TransactionTemplate transactions;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final Counter processed;
    private final Counter failures;
    /** A rebuild's cursor from a position (null: the first event). */
    private final Function<GapAwareTrackingToken, Cursor> cursors;
    private Rebuild current;

    Rebuilds(List<ReadModel> models, PassRepository repository, TransactionTemplate transactions,
             ProcessingProperties properties, Clock clock, Counter processed, Counter failures,
             Function<GapAwareTrackingToken, Cursor> cursors) {
        this.models = models;
        this.repository = repository;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.processed = processed;
        this.failures = failures;
        this.cursors = cursors;
    }

    /** Whether a rebuild is under way here. */
    boolean underWay() {
        return current != null;
    }

    /** Picks up a rebuild asked for here or on another instance; drops one that a newer request replaced. */
    void refresh() {
        Optional<PassRepository.Rebuild> asked = repository.rebuild();
        if (current != null && asked.isPresent() && current.generation == asked.get().generation()) {
            return;
        }
        if (current != null) {
            current.cursor.close();
            retire(current, asked);
            current = null;
        }
        if (asked.isEmpty()) {
            return;
        }
        PassRepository.Rebuild rebuild = asked.get();
        List<ReadModel> chosen = models.stream().filter(model -> rebuild.models().contains(model.name())).toList();
        if (!rebuild.prepared() || !repository.rebuildWitnessed(rebuild.generation())) {
            if (rebuild.prepared()) {
                // its tables are unlogged and PostgreSQL recovered from a crash since: they were emptied
                log.warn("the rebuild of {} lost its unlogged tables in a crash of the database; it starts again",
                        rebuild.models());
            }
            transactions.executeWithoutResult(status -> {
                forEachTable(chosen, repository::createRebuildTable);
                repository.witnessRebuild(rebuild.generation());
                repository.prepared(rebuild.generation(), clock.instant());
            });
            log.info("rebuilding {} from the first event into new tables", rebuild.models());
            current = new Rebuild(rebuild.generation(), chosen, Tables.REBUILD, cursors.apply(null));
        } else {
            log.info("resuming the rebuild of {}", rebuild.models());
            current = new Rebuild(rebuild.generation(), chosen, Tables.RESUMED_REBUILD, cursors.apply(rebuild.token()));
        }
    }

    /**
     * One step of the rebuild under way; @return true once it is over: swapped in, replaced by a newer one, or
     * abandoned on an event a read model could not handle (the serving tables changed or not: the live writers
     * start afresh either way)
     */
    boolean step(Cursor live) throws InterruptedException {
        boolean done;
        try {
            done = current.step(live);
        } catch (RuntimeException failed) {
            if (!DeadLetters.poison(failed)) {
                throw failed;
            }
            abandon(failed);
            done = true;
        }
        if (done) {
            if (current.replaced) {
                retire(current, repository.rebuild());
            }
            current = null;
        }
        return done;
    }

    /**
     * Drops the new tables of a rebuild that a newer request replaced (or that was withdrawn), but for those a newer
     * rebuild that already started fills (a newer one that has not started makes its tables afresh).
     */
    private void retire(Rebuild rebuild, Optional<PassRepository.Rebuild> newer) {
        List<String> kept = newer.filter(PassRepository.Rebuild::prepared).map(PassRepository.Rebuild::models)
                .orElse(List.of());
        log.info("rebuild of {} replaced or withdrawn; its new tables are dropped", rebuild.names());
        transactions.executeWithoutResult(status -> dropRebuildTables(
                rebuild.chosen.stream().filter(model -> !kept.contains(model.name())).toList()));
    }

    void close() {
        if (current != null) {
            current.cursor.close();
        }
    }

    /** Gives up a rebuild that met an event a read model cannot handle; the serving tables stay as they are. */
    private void abandon(RuntimeException failed) {
        Rebuild rebuild = current;
        rebuild.cursor.close();
        transactions.executeWithoutResult(status -> {
            dropRebuildTables(rebuild.chosen);
            repository.finishRebuild(rebuild.generation);
        });
        failures.increment();
        log.error("rebuild of {} abandoned at position {}: a read model could not handle an event ({}); the serving "
                        + "tables keep answering", rebuild.names(),
                rebuild.cursor.read() == null ? 0 : rebuild.cursor.read().getIndex(), DeadLetters.cause(failed).type());
    }

    /** Drops the new tables a rebuild of these read models made. */
    private void dropRebuildTables(List<ReadModel> chosen) {
        forEachTable(chosen, (table, rebuilt) -> repository.dropRebuildTable(rebuilt));
    }

    /** Each table of the read models with the name of its rebuilt copy. */
    private static void forEachTable(List<ReadModel> models, BiConsumer<String, String> tableAndRebuilt) {
        models.forEach(model -> model.tables().forEach(table -> tableAndRebuilt.accept(table, Tables.REBUILD.of(table))));
    }

    private final class Rebuild {

        private final long generation;
        private final List<ReadModel> chosen;
        private final List<ReadModel.Writer> writers;
        private final Cursor cursor;
        private long flushedAt = System.nanoTime();
        /** Tables that grew from empty have the planner statistics of empty tables until analysed once. */
        private boolean analysed;
        /** Set once a newer request replaced it. */
        private boolean replaced;

        Rebuild(long generation, List<ReadModel> chosen, Tables tables, Cursor cursor) {
            this.generation = generation;
            this.chosen = chosen;
            this.writers = ReadModel.writers(chosen, tables);
            this.cursor = cursor;
            this.analysed = !tables.empty();
        }

        List<String> names() {
            return chosen.stream().map(ReadModel::name).toList();
        }

        /**
         * One batch folded into the rebuild's writers, written out at a checkpoint (every so many events or seconds,
         * and once it has read everything); @return true once the new tables were swapped in (or the rebuild was
         * replaced by a newer one)
         */
        boolean step(Cursor live) throws InterruptedException {
            List<PassEvent> events = cursor.next(0);
            writers.forEach(writer -> writer.apply(events));
            boolean due = cursor.unflushedEvents() >= properties.rebuildCheckpoint()
                    || System.nanoTime() - flushedAt > CHECKPOINT_NANOS || events.isEmpty();
            if (cursor.unflushed() && due) {
                Boolean stillAsked = transactions.execute(status -> {
                    writers.forEach(ReadModel.Writer::flush);
                    return repository.advanceRebuild(generation, cursor.read(), cursor.unflushedEvents(),
                            clock.instant());
                });
                if (!analysed) {
                    forEachTable(chosen, (table, rebuilt) -> repository.analyze(rebuilt));
                    analysed = true;
                }
                processed.increment(cursor.unflushedEvents());
                cursor.flushed();
                flushedAt = System.nanoTime();
                if (!Boolean.TRUE.equals(stillAsked)) {
                    cursor.close();
                    replaced = true;
                    return true;
                }
            }
            if (cursor.unflushed() || !cursor.covers(live)) {
                return false;
            }
            // everything the serving tables hold is in the new ones: the live pass goes on from its own position,
            // and what the rebuild read beyond it is applied again, which changes nothing
            transactions.executeWithoutResult(status -> forEachTable(chosen, repository::indexLike));
            transactions.executeWithoutResult(status -> {
                repository.lockTimeout("5s");
                forEachTable(chosen, repository::swapIn);
                repository.finishRebuild(generation);
            });
            cursor.close();
            log.info("rebuilt {} swapped in", names());
            return true;
        }
    }
}
