package com.customerarchive.query.pass;

import com.customerarchive.query.eventstore.EventStoreProperties;
import com.customerarchive.query.eventstore.ProcessingProperties;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The one pass: a single thread reads the event store once, in order, and hands every batch of events to every
 * read model and to the feed in one transaction that also stores its position. A rebuild runs in the same thread,
 * batch about with the live pass, into new tables that are swapped in once they hold everything the serving ones
 * hold. Among several query-side instances one runs the pass (a PostgreSQL advisory lock) and all serve reads.
 */
@Component
public class OnePass implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OnePass.class);
    private static final long LOCK_KEY = 0x43415f504153L; // "CA_PAS"
    private static final long CHECK_MILLIS = 1_000;
    /** How long an idle pass looks for the store's next event (every poll delay) before it checks its lock. */
    private static final long IDLE_WAIT_MILLIS = 100;
    /** A rebuild writes out what it folded at least this often. */
    private static final long CHECKPOINT_NANOS = 2_000_000_000L;

    private final StoreReader reader;
    private final long pollMillis;
    private final List<ReadModel> models;
    private final PassRepository repository;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final DeadLetters deadLetters;
    private final Counter processed;
    private final Counter rebuildFailures;
    private final Timer batches;
    private final AtomicBoolean rebuildAsked = new AtomicBoolean();
    /** Reads and opens the next batch while a rebuild writes the one before (made anew at each start). */
    private volatile ExecutorService readAhead;
    /** Reads the head of the store and commits the read models committed ahead (the feed), batch by batch. */
    private volatile ExecutorService headReader;
    private volatile boolean running;
    private volatile Thread thread;

    OnePass(StoreReader reader, EventStoreProperties store, List<ReadModel> models, PassRepository repository,
            DataSource dataSource, ProcessingProperties properties, Clock clock, DeadLetters deadLetters,
            MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.reader = reader;
        this.pollMillis = Math.max(1, store.pollDelay().toMillis());
        this.models = List.copyOf(models);
        this.repository = repository;
        // plain JDBC transactions: the pass writes no JPA entity, and a JPA transaction opens a session per batch
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
        this.processed = Counter.builder("archive.pass.events").description("Events the one pass handed to the read models")
                .register(meters);
        this.rebuildFailures = Counter.builder("archive.pass.rebuild.failures").description("Rebuilds abandoned on an "
                + "event a read model could not handle").register(meters);
        this.batches = Timer.builder("archive.pass.batch").description("One batch of the one pass: read models, feed, "
                + "position and commit").register(meters);
    }

    public List<ReadModel> models() {
        return models;
    }

    public Optional<ReadModel> model(String name) {
        return models.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    public boolean isRunning() {
        return running;
    }

    /** Where the pass stands, as stored (whichever instance runs it), against the head of the store. */
    public record Progress(long position, long head, Optional<RebuildProgress> rebuild) {
    }

    /** A rebuild under way: which read models, how far, how fast since it started. */
    public record RebuildProgress(List<String> models, long position, long events, double eventsPerSecond) {
    }

    public Progress progress() {
        long position = repository.token(PassRepository.LIVE).map(token -> token.getIndex()).orElse(0L);
        Optional<RebuildProgress> rebuild = repository.rebuild().map(asked -> {
            double seconds = Math.max(0.001, (asked.updatedAt().toEpochMilli() - asked.startedAt().toEpochMilli()) / 1000.0);
            return new RebuildProgress(asked.models(), asked.token() == null ? 0 : asked.token().getIndex(),
                    asked.events(), asked.events() == 0 ? 0 : asked.events() / seconds);
        });
        return new Progress(position, repository.head(), rebuild);
    }

    /** Rebuilds the read models into new tables from the first event; the serving tables answer meanwhile. */
    public void rebuild(List<String> names) {
        repository.requestRebuild(names, clock.instant());
        rebuildAsked.set(true);
    }

    @Override
    public void start() {
        running = true;
        readAhead = Executors.newSingleThreadExecutor(daemon("one-pass-reader"));
        headReader = Executors.newSingleThreadExecutor(daemon("one-pass-head"));
        thread = new Thread(this::run, "one-pass");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        // Spring's test framework stops a cached context it does not use and starts it again: all made anew
        for (ExecutorService executor : new ExecutorService[]{readAhead, headReader}) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        Thread current = thread;
        if (current != null) {
            try {
                current.join(15_000);
                if (current.isAlive()) {
                    current.interrupt();
                    current.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static CustomizableThreadFactory daemon(String name) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
        threads.setDaemon(true);
        return threads;
    }

    private void run() {
        // the batch rolls back as a whole (rows and position) on a failure; it is read again after the pause
        new HeldByOne("one pass", LOCK_KEY, dataSource).run(() -> running, this::runHolding, failure -> {
        });
    }

    private void runHolding(Connection lock) throws InterruptedException, SQLException {
        deadLetters.load();
        Cursor live = new Cursor(repository.token(PassRepository.LIVE).orElse(null), new Ahead());
        List<ReadModel.Writer> writers = writers(models, Tables.LIVE);
        Rebuilding rebuilding = null;
        long checkedAt = 0;
        try {
            while (running) {
                if (rebuildAsked.getAndSet(false) || System.currentTimeMillis() - checkedAt > CHECK_MILLIS) {
                    checkedAt = System.currentTimeMillis();
                    if (!lock.isValid(2)) {
                        throw new SQLException("the connection holding the pass's lock is gone");
                    }
                    rebuilding = refresh(rebuilding);
                    if (retryDeadLetters()) {
                        // the retried events were written by writers of their own: the live ones start afresh
                        writers = writers(models, Tables.LIVE);
                    }
                }
                List<PassEvent> events = live.next(rebuilding == null ? IDLE_WAIT_MILLIS : 0);
                if (live.unflushed()) {
                    Timer.Sample sample = Timer.start();
                    List<ReadModel.Writer> current = writers;
                    try {
                        // every read model the head reader has not written already (the feed), with the position
                        boolean writtenAhead = live.writtenAhead();
                        transactions.executeWithoutResult(status -> {
                            for (int i = 0; i < current.size(); i++) {
                                if (writes(models.get(i), writtenAhead)) {
                                    current.get(i).apply(deadLetters.any()
                                            ? deadLetters.pass(models.get(i).name(), events) : events);
                                }
                            }
                            for (int i = 0; i < current.size(); i++) {
                                if (writes(models.get(i), writtenAhead)) {
                                    current.get(i).flush();
                                }
                            }
                            repository.saveToken(PassRepository.LIVE, live.read(), clock.instant());
                        });
                    } catch (RuntimeException failed) {
                        if (!DeadLetters.poison(failed)) {
                            throw failed;
                        }
                        // an event some read model cannot handle: the batch again, read model by read model and,
                        // where one fails, event by event, parking what fails with its customer's later events
                        deadLetters.load();
                        isolate(events, live.read(), live.writtenAhead());
                        writers = writers(models, Tables.LIVE);
                    }
                    sample.stop(batches);
                    processed.increment(events.size());
                    live.flushed();
                }
                if (rebuilding != null) {
                    boolean done;
                    try {
                        done = rebuilding.step(live);
                    } catch (RuntimeException failed) {
                        if (!DeadLetters.poison(failed)) {
                            throw failed;
                        }
                        abandon(rebuilding, failed);
                        done = true;
                    }
                    if (done) {
                        rebuilding = null;
                        // the serving tables changed under the live writers: they start afresh
                        writers = writers(models, Tables.LIVE);
                    }
                }
            }
        } finally {
            live.close();
            if (rebuilding != null) {
                rebuilding.cursor.close();
            }
        }
    }

    /**
     * Writes a batch that failed as a whole: each read model in a savepoint of its own and, in one that fails, each
     * event in its own; an event that fails is parked as the head of its customer's dead-letter sequence in that
     * read model, and the customer's later events join it there. Everything else, and the position, is committed.
     */
    private void isolate(List<PassEvent> events, GapAwareTrackingToken position, boolean writtenAhead) {
        transactions.executeWithoutResult(status -> {
            for (ReadModel model : models) {
                if (!writes(model, writtenAhead)) {
                    continue;
                }
                List<PassEvent> passing = deadLetters.pass(model.name(), events);
                Object whole = status.createSavepoint();
                try {
                    writeAlone(model, passing);
                    status.releaseSavepoint(whole);
                    continue;
                } catch (RuntimeException failed) {
                    rethrowUnlessPoison(failed);
                    status.rollbackToSavepoint(whole);
                }
                for (PassEvent event : passing) {
                    if (deadLetters.waits(model.name(), event)) {
                        deadLetters.behind(model.name(), event);
                        continue;
                    }
                    Object one = status.createSavepoint();
                    try {
                        writeAlone(model, List.of(event));
                        status.releaseSavepoint(one);
                    } catch (RuntimeException failed) {
                        rethrowUnlessPoison(failed);
                        status.rollbackToSavepoint(one);
                        deadLetters.park(model.name(), event, failed);
                    }
                }
            }
            repository.saveToken(PassRepository.LIVE, position, clock.instant());
        });
    }

    /** Whether the pass writes this read model's share of a batch: not if the head reader wrote it ahead. */
    private static boolean writes(ReadModel model, boolean writtenAhead) {
        return !(writtenAhead && model.committedAhead());
    }

    /** Writes events into a read model's serving tables with a writer of their own. */
    private static void writeAlone(ReadModel model, List<PassEvent> events) {
        ReadModel.Writer writer = model.writer(Tables.LIVE);
        writer.apply(events);
        writer.flush();
    }

    private static void rethrowUnlessPoison(RuntimeException failed) {
        if (!DeadLetters.poison(failed)) {
            throw failed;
        }
    }

    /**
     * Carries out the operators' requests to retry dead letters, each in one transaction, a letter at a time in a
     * savepoint of its own; @return whether any were asked for
     */
    private boolean retryDeadLetters() {
        List<DeadLetters.Request> requests = deadLetters.requests();
        for (DeadLetters.Request request : requests) {
            try {
                DeadLetters.Outcome outcome = transactions.execute(status -> {
                    DeadLetters.Outcome done = deadLetters.retry(request, models.stream().map(ReadModel::name).toList(),
                            (name, event) -> {
                                Object one = status.createSavepoint();
                                try {
                                    writeAlone(model(name).orElseThrow(), List.of(event));
                                    status.releaseSavepoint(one);
                                } catch (RuntimeException failed) {
                                    status.rollbackToSavepoint(one);
                                    throw failed;
                                }
                            });
                    deadLetters.done(request, done, clock.instant());
                    return done;
                });
                log.info("dead letters retried: {}", outcome);
            } finally {
                // what the rolled back or committed retry changed in the queues is read again
                deadLetters.load();
            }
        }
        return !requests.isEmpty();
    }

    /** Gives up a rebuild that met an event a read model cannot handle; the serving tables stay as they are. */
    private void abandon(Rebuilding rebuilding, RuntimeException failed) {
        rebuilding.cursor.close();
        transactions.executeWithoutResult(status -> repository.finishRebuild(rebuilding.generation));
        rebuildFailures.increment();
        log.error("rebuild of {} abandoned at position {}: a read model could not handle an event ({}); the serving "
                        + "tables keep answering", rebuilding.chosen.stream().map(ReadModel::name).toList(),
                rebuilding.cursor.read() == null ? 0 : rebuilding.cursor.read().getIndex(),
                DeadLetters.cause(failed).type());
    }

    private static List<ReadModel.Writer> writers(List<ReadModel> models, Tables tables) {
        return models.stream().map(model -> model.writer(tables)).toList();
    }

    /** Each table of the read models with the name of its rebuilt copy. */
    private static void forEachTable(List<ReadModel> models, BiConsumer<String, String> tableAndRebuilt) {
        models.forEach(model -> model.tables().forEach(table -> tableAndRebuilt.accept(table, Tables.REBUILD.of(table))));
    }

    /** Picks up a rebuild asked for here or on another instance; drops one that a newer request replaced. */
    private Rebuilding refresh(Rebuilding current) {
        Optional<PassRepository.Rebuild> asked = repository.rebuild();
        if (current != null && asked.isPresent() && current.generation == asked.get().generation()) {
            return current;
        }
        if (current != null) {
            current.cursor.close();
        }
        if (asked.isEmpty()) {
            return null;
        }
        PassRepository.Rebuild rebuild = asked.get();
        List<ReadModel> chosen = models.stream().filter(model -> rebuild.models().contains(model.name())).toList();
        if (!rebuild.prepared()) {
            transactions.executeWithoutResult(status -> {
                forEachTable(chosen, repository::createRebuildTable);
                repository.prepared(rebuild.generation(), clock.instant());
            });
            log.info("rebuilding {} from the first event into new tables", rebuild.models());
            return new Rebuilding(rebuild.generation(), chosen, Tables.REBUILD, new Cursor(null));
        }
        log.info("resuming the rebuild of {}", rebuild.models());
        return new Rebuilding(rebuild.generation(), chosen, Tables.RESUMED_REBUILD, new Cursor(rebuild.token()));
    }

    private final class Rebuilding {

        private final long generation;
        private final List<ReadModel> chosen;
        private final List<ReadModel.Writer> writers;
        private final Cursor cursor;
        private long flushedAt = System.nanoTime();
        /** Tables that grew from empty have the planner statistics of empty tables until analysed once. */
        private boolean analysed;

        Rebuilding(long generation, List<ReadModel> chosen, Tables tables, Cursor cursor) {
            this.generation = generation;
            this.chosen = chosen;
            this.writers = writers(chosen, tables);
            this.cursor = cursor;
            this.analysed = !tables.empty();
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
                Boolean current = transactions.execute(status -> {
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
                if (!Boolean.TRUE.equals(current)) {
                    cursor.close();
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
            log.info("rebuilt {} swapped in", chosen.stream().map(ReadModel::name).toList());
            return true;
        }
    }

    /** A batch that reached the limit: more events are likely waiting right behind it. */
    private boolean full(StoreReader.Batch batch) {
        return batch.read() >= properties.batchSize();
    }

    /** Batches read one after another from a position on the reader thread, a few ahead of the pass. */
    private final class ReadAhead {

        private static final int DEPTH = 4;
        private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(DEPTH);
        private final Future<?> reading;

        ReadAhead(GapAwareTrackingToken from) {
            reading = readAhead.submit(() -> {
                GapAwareTrackingToken position = from;
                try {
                    while (true) {
                        StoreReader.Batch batch = reader.read(position, properties.batchSize());
                        batches.put(batch);
                        if (!full(batch)) {
                            return;
                        }
                        position = batch.token();
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException failed) {
                    batches.offer(failed);
                }
            });
        }

        StoreReader.Batch take() throws InterruptedException {
            Object next = batches.take();
            if (next instanceof RuntimeException failed) {
                throw failed;
            }
            return (StoreReader.Batch) next;
        }

        void stop() {
            reading.cancel(true);
        }
    }

    /**
     * The read models committed ahead (the feed), written on the head reader's thread: each batch in a transaction of
     * its own as soon as it is read, so live subscribers need not wait for the other read models. Off for good
     * (until the pass starts again) once one of their writes fails on an event: the pass writes them from then on,
     * parking what fails.
     */
    private final class Ahead {

        private final List<ReadModel.Writer> writers;
        private volatile boolean on;

        /**
         * On unless one of their events waits as a dead letter (as loaded): its customers' later events must join
         * that queue, which the pass does.
         */
        Ahead() {
            List<ReadModel> ahead = models.stream().filter(ReadModel::committedAhead).toList();
            this.writers = writers(ahead, Tables.LIVE);
            this.on = !ahead.isEmpty() && ahead.stream().noneMatch(model -> deadLetters.holds(model.name()));
        }

        /** @return whether the events were written and committed */
        boolean write(List<PassEvent> events) {
            if (!on) {
                return false;
            }
            try {
                transactions.executeWithoutResult(status -> {
                    writers.forEach(writer -> writer.apply(events));
                    writers.forEach(ReadModel.Writer::flush);
                });
                return true;
            } catch (RuntimeException failed) {
                if (!DeadLetters.poison(failed)) {
                    throw failed;
                }
                on = false;
                log.warn("the feed could not take an event ({}); the pass writes it from now on", failed.toString());
                return false;
            }
        }
    }

    /** A batch the head reader read, and whether the read models committed ahead hold it already. */
    private record Handed(StoreReader.Batch batch, boolean written) {
    }

    /**
     * The live pass's reader: reads the store from a position on, at the head every poll delay, writes each batch
     * ahead ({@link Ahead}) and hands it to the pass, a few batches at most.
     */
    private final class HeadReader {

        private static final int DEPTH = 8;
        private final BlockingQueue<Object> handed = new ArrayBlockingQueue<>(DEPTH);
        private final Future<?> reading;

        HeadReader(GapAwareTrackingToken from, Ahead ahead) {
            reading = headReader.submit(() -> {
                GapAwareTrackingToken position = from;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        StoreReader.Batch batch = reader.read(position, properties.batchSize());
                        if (batch.read() == 0) {
                            Thread.sleep(pollMillis);
                            continue;
                        }
                        handed.put(new Handed(batch, batch.events().isEmpty() || ahead.write(batch.events())));
                        position = batch.token();
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException failed) {
                    try {
                        // after the batches before it, however many wait
                        handed.put(failed);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }

        /** The next batch, waiting at most {@code waitMillis}; null if none came. */
        Handed poll(long waitMillis) throws InterruptedException {
            Object next = handed.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (next instanceof RuntimeException failed) {
                throw failed;
            }
            if (next == null && reading.isDone() && handed.isEmpty()) {
                throw new IllegalStateException("the pass's head reader stopped");
            }
            return (Handed) next;
        }

        /** The next batch if one is there already and was written ahead as {@code written} says. */
        Handed pollLike(boolean written) {
            if (handed.peek() instanceof Handed next && next.written() == written) {
                handed.poll();
                return next;
            }
            return null;
        }

        void stop() {
            reading.cancel(true);
        }
    }

    /** A position in the store, read from in batches; it moves for good once what it read is written. */
    private final class Cursor {

        private GapAwareTrackingToken flushed;
        private GapAwareTrackingToken read;
        private int unflushedEvents;
        private ReadAhead ahead;
        /** The live pass's: the head reader writes ahead; null for a rebuild's cursor. */
        private final Ahead writesAhead;
        private HeadReader head;
        private boolean writtenAhead;

        Cursor(GapAwareTrackingToken start) {
            this(start, null);
        }

        Cursor(GapAwareTrackingToken start, Ahead writesAhead) {
            this.flushed = start;
            this.read = start;
            this.writesAhead = writesAhead;
        }

        /** Whether the events last read are in the read models committed ahead already. */
        boolean writtenAhead() {
            return writtenAhead;
        }

        /** The live pass's next events: the batches the head reader handed over (written ahead alike), merged. */
        private List<PassEvent> nextAtHead(long waitMillis) throws InterruptedException {
            if (head == null) {
                head = new HeadReader(read, writesAhead);
            }
            Handed first = head.poll(waitMillis);
            if (first == null) {
                return List.of();
            }
            writtenAhead = first.written();
            List<PassEvent> events = new ArrayList<>(first.batch().events());
            GapAwareTrackingToken token = first.batch().token();
            int count = first.batch().read();
            Handed more;
            while (count < properties.batchSize() && (more = head.pollLike(writtenAhead)) != null) {
                events.addAll(more.batch().events());
                token = more.batch().token();
                count += more.batch().read();
            }
            read = token;
            unflushedEvents += count;
            return events;
        }

        /**
         * Up to a batch of events, looking again every poll delay for at most {@code waitMillis} while none come.
         * Once a batch comes full, the batches after it are read and opened on the reader thread, a few ahead,
         * while the caller writes; that stops at the first batch that is not full (the head of the store).
         */
        List<PassEvent> next(long waitMillis) throws InterruptedException {
            if (writesAhead != null) {
                return nextAtHead(waitMillis);
            }
            long deadline = System.nanoTime() + waitMillis * 1_000_000;
            while (true) {
                StoreReader.Batch batch = ahead != null ? ahead.take() : reader.read(read, properties.batchSize());
                if (!full(batch)) {
                    ahead = null;
                }
                if (batch.read() > 0 || System.nanoTime() >= deadline) {
                    read = batch.token();
                    unflushedEvents += batch.read();
                    if (ahead == null && full(batch)) {
                        ahead = new ReadAhead(batch.token());
                    }
                    return batch.events();
                }
                Thread.sleep(pollMillis);
            }
        }

        void close() {
            if (ahead != null) {
                ahead.stop();
                ahead = null;
            }
            if (head != null) {
                head.stop();
                head = null;
            }
        }

        /** Whether it read events whose rows are not written yet. */
        boolean unflushed() {
            return read != flushed;
        }

        int unflushedEvents() {
            return unflushedEvents;
        }

        /** The position after the last event read; stored once its rows are written. */
        GapAwareTrackingToken read() {
            return read;
        }

        void flushed() {
            flushed = read;
            unflushedEvents = 0;
        }

        boolean covers(Cursor other) {
            if (other.flushed == null) {
                return true;
            }
            return flushed != null && flushed.covers(other.flushed);
        }
    }
}
