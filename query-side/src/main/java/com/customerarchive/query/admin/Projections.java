package com.customerarchive.query.admin;

import com.customerarchive.query.eventstore.EventStoreProperties;
import com.customerarchive.query.web.Freshness;
import com.customerarchive.query.web.NotFoundException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The projections' processors: their position against the head of the store (also as Prometheus gauges),
 * and their replay from the first event while reads go on.
 */
@Component
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    private static final long HEAD_CACHE_NANOS = 1_000_000_000L;

    private final EventProcessingConfiguration processing;
    private final Freshness freshness;
    private final JdbcClient jdbc;
    private final String eventTable;
    private final MeterRegistry meters;
    private volatile long[] headCache;

    Projections(EventProcessingConfiguration processing, Freshness freshness, JdbcClient jdbc,
                EventStoreProperties store, MeterRegistry meters) {
        this.processing = processing;
        this.freshness = freshness;
        this.jdbc = jdbc;
        this.eventTable = store.schema() + ".domain_event_entry";
        this.meters = meters;
    }

    public record Status(String name, boolean running, boolean replaying, long position, long head, long lag) {
    }

    public List<String> names() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    public Status status(String name) {
        StreamingEventProcessor processor = processor(name);
        long head = head();
        long position = Math.max(freshness.position(name), 0);
        boolean replaying = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying)
                && position < head;
        return new Status(name, processor.isRunning(), replaying, position, head, Math.max(head - position, 0));
    }

    /**
     * Stops the projection's processor, clears the projection (its reset handler) and starts it again from the
     * first event; returns once the rebuild has begun, which goes on in the background.
     */
    public void replay(String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutdownAsync().join();
        processor.resetTokens();
        processor.start();
        log.info("projection {} replaying from the first event", name);
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String name : names()) {
            Gauge.builder("archive.projection.position", () -> status(name).position())
                    .description("Global index of the last event the projection processed").tag("projection", name)
                    .register(meters);
            Gauge.builder("archive.projection.lag", () -> status(name).lag())
                    .description("Events stored but not yet processed by the projection").tag("projection", name)
                    .register(meters);
            Gauge.builder("archive.projection.replaying", () -> status(name).replaying() ? 1 : 0)
                    .description("1 while the projection is being rebuilt from the first event")
                    .tag("projection", name).register(meters);
        }
    }

    /** The store's head, read at most once a second: a Prometheus scrape reads three gauges per projection. */
    private long head() {
        long now = System.nanoTime();
        long[] cached = headCache;
        if (cached != null && now - cached[1] < HEAD_CACHE_NANOS) {
            return cached[0];
        }
        long head = jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM " + eventTable).query(Long.class).single();
        headCache = new long[]{head, now};
        return head;
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new NotFoundException("projection-not-found", "Projection not found",
                        "No projection is named " + name + "; the names are " + names() + "."));
    }
}
