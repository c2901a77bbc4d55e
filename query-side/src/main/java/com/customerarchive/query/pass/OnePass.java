package com.customerarchive.query.pass;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.query.eventstore.ProcessingProperties;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    /** How long an idle pass waits for the store's next event (it wakes as soon as one is read). */
    private static final long IDLE_WAIT_MILLIS = 100;

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final List<ReadModel> models;
    private final PassRepository repository;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final ProcessingProperties properties;
    private final Clock clock;
    private final CustomerKeys keys;
    private final Counter processed;
    private final Timer batches;
    private final AtomicBoolean rebuildAsked = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean holder;
    private volatile Thread thread;

    OnePass(StreamableMessageSource<TrackedEventMessage<?>> store, List<ReadModel> models, PassRepository repository,
            TransactionTemplate transactions, DataSource dataSource, ProcessingProperties properties, Clock clock,
            CustomerKeys keys, MeterRegistry meters) {
        this.store = store;
        this.models = List.copyOf(models);
        this.repository = repository;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
        this.keys = keys;
        this.processed = Counter.builder("archive.pass.events").description("Events the one pass handed to the read models")
                .register(meters);
        this.batches = Timer.builder("archive.pass.batch").description("One batch of the one pass: read models, feed, "
                + "position and commit").register(meters);
    }

    public List<ReadModel> models() {
        return models;
    }

    public Optional<ReadModel> model(String name) {
        return models.stream().filter(model -> model.name().equals(name)).findFirst();
    }

    /** True while this instance runs the pass (another instance may run it instead). */
    public boolean holder() {
        return holder;
    }

    public boolean isRunning() {
        return running;
    }

    /** Where the pass stands, as stored (whichever instance runs it). */
    public record Progress(long position, Optional<RebuildProgress> rebuild) {
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
        return new Progress(position, rebuild);
    }

    /** Rebuilds the read models into new tables from the first event; the serving tables answer meanwhile. */
    public void rebuild(List<String> names) {
        repository.requestRebuild(names, clock.instant());
        rebuildAsked.set(true);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "one-pass");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
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

    private void run() {
        long backoff = 500;
        while (running) {
            try (Connection lock = dataSource.getConnection()) {
                if (!advisoryLock(lock, "pg_try_advisory_lock")) {
                    holder = false;
                    sleep(2_000);
                    continue;
                }
                holder = true;
                try {
                    runHolding(lock);
                    backoff = 500;
                } finally {
                    holder = false;
                    unlockQuietly(lock);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                // the batch rolled back as a whole (rows and position); it is read again after the pause
                log.error("one pass stopped on {}; retrying in {} ms", e.toString(), backoff);
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private void runHolding(Connection lock) throws InterruptedException, SQLException {
        Cursor live = new Cursor(repository.token(PassRepository.LIVE).orElse(null));
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
                }
                List<PassEvent> events = live.next(rebuilding == null ? IDLE_WAIT_MILLIS : 0);
                if (live.moved()) {
                    Timer.Sample sample = Timer.start();
                    transactions.executeWithoutResult(status -> {
                        for (ReadModel model : models) {
                            model.apply(events, Tables.LIVE);
                        }
                        repository.saveToken(PassRepository.LIVE, live.token(), clock.instant());
                    });
                    sample.stop(batches);
                    processed.increment(events.size());
                    live.committed();
                }
                if (rebuilding != null && rebuilding.step(live)) {
                    rebuilding = null;
                }
            }
        } finally {
            live.close();
            if (rebuilding != null) {
                rebuilding.cursor.close();
            }
        }
    }

    /** Picks up a rebuild asked for here or on another instance; drops one that a newer request replaced. */
    private Rebuilding refresh(Rebuilding current) {
        Optional<PassRepository.Rebuild> asked = repository.rebuild();
        if (asked.isEmpty()) {
            if (current != null) {
                current.cursor.close();
            }
            return null;
        }
        PassRepository.Rebuild rebuild = asked.get();
        if (current != null && current.generation == rebuild.generation()) {
            return current;
        }
        if (current != null) {
            current.cursor.close();
        }
        List<ReadModel> chosen = models.stream().filter(model -> rebuild.models().contains(model.name())).toList();
        if (!rebuild.prepared()) {
            transactions.executeWithoutResult(status -> {
                for (ReadModel model : chosen) {
                    for (String table : model.tables()) {
                        repository.createRebuildTable(table, Tables.REBUILD.of(table));
                    }
                }
                repository.prepared(rebuild.generation(), clock.instant());
            });
            log.info("rebuilding {} from the first event into new tables", rebuild.models());
            return new Rebuilding(rebuild.generation(), chosen, new Cursor(null));
        }
        log.info("resuming the rebuild of {}", rebuild.models());
        return new Rebuilding(rebuild.generation(), chosen, new Cursor(rebuild.token()));
    }

    private final class Rebuilding {

        private final long generation;
        private final List<ReadModel> chosen;
        private final Cursor cursor;

        Rebuilding(long generation, List<ReadModel> chosen, Cursor cursor) {
            this.generation = generation;
            this.chosen = chosen;
            this.cursor = cursor;
        }

        /** One batch into the new tables; @return true once they were swapped in (or the rebuild was replaced) */
        boolean step(Cursor live) throws InterruptedException {
            List<PassEvent> events = cursor.next(0);
            if (cursor.moved()) {
                Boolean current = transactions.execute(status -> {
                    for (ReadModel model : chosen) {
                        model.apply(events, Tables.REBUILD);
                    }
                    return repository.advanceRebuild(generation, cursor.token(), events.size(), clock.instant());
                });
                cursor.committed();
                if (!Boolean.TRUE.equals(current)) {
                    cursor.close();
                    return true;
                }
            }
            if (!cursor.covers(live)) {
                return false;
            }
            // everything the serving tables hold is in the new ones: the live pass goes on from its own position,
            // and what the rebuild read beyond it is applied again, which changes nothing
            transactions.executeWithoutResult(status -> {
                repository.lockTimeout("5s");
                for (ReadModel model : chosen) {
                    for (String table : model.tables()) {
                        repository.swapIn(table, Tables.REBUILD.of(table));
                    }
                }
                repository.finishRebuild(generation);
            });
            cursor.close();
            log.info("rebuilt {} swapped in", chosen.stream().map(ReadModel::name).toList());
            return true;
        }
    }

    /** A stream over the store from a position, read in batches. */
    private final class Cursor {

        private final TrackingToken start;
        private BlockingStream<TrackedEventMessage<?>> stream;
        private TrackingToken token;
        private TrackingToken pending;

        Cursor(TrackingToken start) {
            this.start = start;
            this.token = start;
        }

        /** Up to a batch of events, waiting at most {@code waitMillis} for the first; none is no change. */
        List<PassEvent> next(long waitMillis) throws InterruptedException {
            if (stream == null) {
                stream = store.openStream(start);
            }
            pending = null;
            if (!stream.hasNextAvailable((int) waitMillis, TimeUnit.MILLISECONDS)) {
                return List.of();
            }
            int batch = properties.batchSize();
            int read = 0;
            List<DomainEventMessage<?>> messages = new ArrayList<>();
            while (read < batch && stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                read++;
                pending = message.trackingToken();
                if (message instanceof DomainEventMessage<?> domain
                        && CustomerEvent.class.isAssignableFrom(domain.getPayloadType())) {
                    messages.add(domain);
                }
            }
            // the batch's customer keys in one look-up, before each event is decrypted
            keys.preload(messages.stream().map(DomainEventMessage::getAggregateIdentifier).toList());
            return messages.stream().map(PassEvent::of).toList();
        }

        boolean moved() {
            return pending != null;
        }

        /** The position after the batch last read, valid once its transaction has committed. */
        TrackingToken token() {
            return pending;
        }

        void committed() {
            token = pending;
            pending = null;
        }

        boolean covers(Cursor other) {
            if (other.token == null) {
                return true;
            }
            return token != null && token.covers(other.token);
        }

        void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void unlockQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                advisoryLock(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            log.debug("the pass's lock went with its connection");
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
