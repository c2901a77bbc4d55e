package com.customerarchive.query.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live subscribers of the feed. Each reads the feed table at its own pace on its own thread, a page at a
 * time, so a slow or stalled one holds no buffer and slows neither the writers nor the others; one poller
 * watches the head and wakes the waiting subscribers. Idle subscribers get heartbeat comments. When the app stops,
 * the streams are ended first, before the web server waits for open requests: a subscriber never holds a stop up
 * (it reconnects with Last-Event-ID to another instance, or to this one once it is back).
 */
@Component
public class FeedSubscriptions implements SmartLifecycle {

    static final int MAX_SUBSCRIBERS = 100;
    static final int PAGE = 500;
    static final long RETRY_MILLIS = 3_000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(FeedSubscriptions.class);

    private final FeedRepository feed;
    private final FeedPages pages;
    private volatile long revision = -1;
    private volatile ThreadPoolExecutor senders = senders();
    private volatile boolean running;
    private final ScheduledExecutorService headWatch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "feed-head");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong head = new AtomicLong();
    private final Object headMoved = new Object();
    private final Map<Long, AtomicLong> cursors = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Counter sent;

    FeedSubscriptions(FeedRepository feed, FeedPages pages, MeterRegistry meters) {
        this.feed = feed;
        this.pages = pages;
        this.sent = Counter.builder("archive.feed.events.sent").description("Events sent to live subscribers")
                .register(meters);
        Gauge.builder("archive.feed.head", head::get).description("Position of the newest event in the feed")
                .register(meters);
        Gauge.builder("archive.feed.subscribers", cursors::size).description("Live subscribers connected")
                .register(meters);
        Gauge.builder("archive.feed.subscriber.lag.max", () -> cursors.values().stream()
                        .mapToLong(cursor -> Math.max(head.get() - cursor.get(), 0)).max().orElse(0))
                .description("Events the furthest-behind live subscriber has still to receive").register(meters);
        headWatch.scheduleWithFixedDelay(this::watchHead, 0, 100, TimeUnit.MILLISECONDS);
    }

    private static ThreadPoolExecutor senders() {
        return new ThreadPoolExecutor(0, MAX_SUBSCRIBERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "feed-subscriber");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        if (senders.isShutdown()) {
            senders = senders();
        }
        running = true;
    }

    /** Ends every stream (each subscriber's thread is interrupted and completes its answer), waiting up to 5 s. */
    @Override
    public void stop() {
        running = false;
        synchronized (headMoved) {
            headMoved.notifyAll();
        }
        ThreadPoolExecutor stopping = senders;
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** @throws RejectedExecutionException when {@value #MAX_SUBSCRIBERS} subscribers are already connected */
    public SseEmitter subscribe(long after) {
        SseEmitter emitter = new SseEmitter(0L);
        long id = ids.incrementAndGet();
        AtomicLong cursor = new AtomicLong(after);
        senders.execute(() -> stream(id, cursor, emitter));
        return emitter;
    }

    private void stream(long id, AtomicLong cursor, SseEmitter emitter) {
        cursors.put(id, cursor);
        try {
            emitter.send(SseEmitter.event().reconnectTime(RETRY_MILLIS).comment("customer archive feed"));
            long lastSent = System.nanoTime();
            // an interrupt can be swallowed by a read in progress (the JDBC driver clears it): stopping is also a flag
            while (running && !Thread.currentThread().isInterrupted()) {
                FeedPages.Page page = pages.page(cursor.get(), PAGE);
                if (!page.entries().isEmpty()) {
                    // a page as one write: its frames were written out once for every subscriber reading it
                    emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(page.frames(), MediaType.TEXT_PLAIN)));
                    cursor.set(page.entries().get(page.entries().size() - 1).position());
                    sent.increment(page.entries().size());
                    lastSent = System.nanoTime();
                    continue;
                }
                awaitHeadBeyond(cursor.get());
                if (System.nanoTime() - lastSent > HEARTBEAT.toNanos()) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSent = System.nanoTime();
                }
            }
        } catch (IOException | IllegalStateException disconnected) {
            log.debug("feed subscriber {} left at position {}", id, cursor.get());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            if (running) {
                log.warn("feed subscriber {} stopped at position {}: {}", id, cursor.get(), failure.toString());
            }
        } finally {
            cursors.remove(id);
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyGone) {
                log.debug("feed subscriber {}: its answer was already closed", id);
            }
        }
    }

    /** The newest position in the feed, as last looked at (every 100 ms, and on this instance's commits). */
    long head() {
        return head.get();
    }

    /** Waits (at most a second) for the feed to grow beyond {@code position}. */
    void awaitHeadBeyond(long position) throws InterruptedException {
        synchronized (headMoved) {
            if (head.get() <= position) {
                headMoved.wait(1_000);
            }
        }
    }

    /**
     * New entries up to {@code position} were committed here ({@code revised}: and written ones read otherwise): the
     * waiting subscribers read on at once rather than at the next look at the head.
     */
    void moved(long position, boolean revised) {
        if (revised) {
            pages.clear();
        }
        // the new head as the writer knows it: no query on the way to the subscribers
        advance(position);
    }

    /** Positions never go back: a look at the head that began before a commit heard of here changes nothing. */
    private void advance(long position) {
        if (head.getAndAccumulate(position, Math::max) < position) {
            synchronized (headMoved) {
                headMoved.notifyAll();
            }
        }
    }

    /** Every 100 ms: the head (another instance's pass may have moved it), and whether written entries changed. */
    private void watchHead() {
        try {
            FeedRepository.Head now = feed.headAndRevision();
            if (now.revision() != revision) {
                // another instance's pass may have changed them: pages rendered before read afresh
                pages.clear();
                revision = now.revision();
            }
            advance(now.position());
        } catch (RuntimeException unreachable) {
            log.debug("feed head not readable: {}", unreachable.toString());
        }
    }

    @PreDestroy
    void close() {
        headWatch.shutdownNow();
        senders.shutdownNow();
    }
}
