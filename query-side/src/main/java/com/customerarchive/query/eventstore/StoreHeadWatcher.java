package com.customerarchive.query.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the projections as soon as command-side has stored something. A pooled streaming processor that has
 * caught up looks again only every 500 ms unless its stream can call it back; Axon's own stream cannot, because
 * the writes come from another process. This source's streams can: one thread reads the head of the store
 * every {@code poll-delay} and, for a moment after it moved, calls back every stream that asked.
 */
final class StoreHeadWatcher implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreHeadWatcher.class);
    /** How long after the head moved the streams are still called back (the store's own fetch may lag a little). */
    private static final long NOTIFY_FOR_NANOS = Duration.ofMillis(200).toNanos();

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final JdbcClient jdbc;
    private final String eventTable;
    private final long pollMillis;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile boolean running = true;

    StoreHeadWatcher(StreamableMessageSource<TrackedEventMessage<?>> delegate, JdbcClient jdbc, String eventTable,
                     Duration pollDelay) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.eventTable = eventTable;
        this.pollMillis = Math.max(1, pollDelay.toMillis());
        this.watcher = new Thread(this::watch, "store-head-watcher");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new CallingBackStream(delegate.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
    }

    private void watch() {
        long head = -1;
        long movedAt = 0;
        while (running) {
            try {
                Thread.sleep(pollMillis);
                if (callbacks.isEmpty()) {
                    continue;
                }
                long now = jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM " + eventTable).query(Long.class).single();
                if (now != head) {
                    head = now;
                    movedAt = System.nanoTime();
                }
                if (System.nanoTime() - movedAt < NOTIFY_FOR_NANOS) {
                    callbacks.forEach(Runnable::run);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be restarting; the processors still look every 500 ms on their own
                log.debug("could not read the head of the event store: {}", e.getClass().getSimpleName());
            }
        }
    }

    private final class CallingBackStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private Runnable callback;

        CallingBackStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                callbacks.remove(this.callback);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) {
                callbacks.remove(callback);
            }
            stream.close();
        }
    }
}
