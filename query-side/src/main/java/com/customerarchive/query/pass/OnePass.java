package com.customerarchive.query.pass;

import com.customerarchive.query.eventstore.EventStoreProperties;
import com.customerarchive.query.eventstore.ProcessingProperties;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one pass: a single thread reads the event store once, in order, and hands every batch of events to every
 * read model in one transaction that also stores its position (the feed is written ahead of them by the reader,
 * {@link AheadWriter}). A rebuild ({@link Rebuilds}) runs in the same thread, batch about with the live pass, into new
 * tables that are swapped in once they hold everything the serving ones hold; a batch that fails on an event is
 * written again event by event ({@link Isolation}). Among several query-side instances one runs the pass (a
 * PostgreSQL advisory lock) and all serve reads.
 */
@Component
public class OnePass implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OnePass.class);
    private static final long LOCK_KEY = 0x43415f504153L; // "CA_PAS"
    private static final long CHECK_MILLIS = 1_000;
    /** How long an idle pass looks for the store's next event (every poll delay) before it checks its lock. */
    private static final long IDLE_WAIT_MILLIS = 100;

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
    /** A rebuild's batch reader: reads the next batches while a rebuild writes the one before (made anew at each start). */
    private volatile ExecutorService readAhead;
    /** The live batch reader: reads the head of the store and writes the feed ahead, batch by batch. */
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
        return ReadModel.named(models, name);
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
        Isolation isolation = new Isolation(models, deadLetters, repository, transactions, clock);
        Rebuilds rebuilds = new Rebuilds(models, repository, transactions, properties, clock, processed,
                rebuildFailures, from -> Cursor.rebuild(reader::read, readAhead, properties.batchSize(), pollMillis, from));
        Cursor live = Cursor.live(reader::read, headReader, properties.batchSize(), pollMillis,
                new BatchReader.Gather(Math.max(2, properties.batchSize() / 10), properties.liveGather().toMillis()),
                repository.token(PassRepository.LIVE).orElse(null), new AheadWriter(models, transactions, deadLetters));
        List<ReadModel.Writer> writers = ReadModel.writers(models, Tables.LIVE);
        long checkedAt = 0;
        try {
            while (running) {
                if (rebuildAsked.getAndSet(false) || System.currentTimeMillis() - checkedAt > CHECK_MILLIS) {
                    checkedAt = System.currentTimeMillis();
                    if (!lock.isValid(2)) {
                        throw new SQLException("the connection holding the pass's lock is gone");
                    }
                    rebuilds.refresh();
                    if (isolation.retryDeadLetters()) {
                        // the retried events were written by writers of their own: the live ones start afresh
                        writers = ReadModel.writers(models, Tables.LIVE);
                    }
                }
                List<PassEvent> events = live.next(rebuilds.underWay() ? 0 : IDLE_WAIT_MILLIS);
                if (live.unflushed()) {
                    Timer.Sample sample = Timer.start();
                    try {
                        write(writers, events, live);
                    } catch (RuntimeException failed) {
                        if (!DeadLetters.poison(failed)) {
                            throw failed;
                        }
                        // an event some read model cannot handle: the batch again, read model by read model and,
                        // where one fails, event by event, parking what fails with its customer's later events
                        isolation.isolate(events, live.read(), live.writtenAhead());
                        writers = ReadModel.writers(models, Tables.LIVE);
                    }
                    sample.stop(batches);
                    processed.increment(events.size());
                    live.flushed();
                }
                if (rebuilds.underWay() && rebuilds.step(live)) {
                    // the serving tables changed under the live writers: they start afresh
                    writers = ReadModel.writers(models, Tables.LIVE);
                }
            }
        } finally {
            live.close();
            rebuilds.close();
        }
    }

    /**
     * Writes a live batch into every read model the reader has not written ahead (the feed), with the position, in one
     * transaction.
     */
    private void write(List<ReadModel.Writer> writers, List<PassEvent> events, Cursor live) {
        boolean writtenAhead = live.writtenAhead();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < writers.size(); i++) {
                ReadModel model = models.get(i);
                if (AheadWriter.leftToPass(model, writtenAhead)) {
                    writers.get(i).apply(deadLetters.any() ? deadLetters.pass(model.name(), events) : events);
                }
            }
            for (int i = 0; i < writers.size(); i++) {
                if (AheadWriter.leftToPass(models.get(i), writtenAhead)) {
                    writers.get(i).flush();
                }
            }
            repository.saveToken(PassRepository.LIVE, live.read(), clock.instant());
        });
    }
}
