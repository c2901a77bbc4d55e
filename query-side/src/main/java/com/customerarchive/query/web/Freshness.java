package com.customerarchive.query.web;

import com.customerarchive.query.eventstore.EventStoreProperties;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Read-your-writes: a reader that just wrote version n of a customer passes {@code minVersion=n}, and the
 * read waits, at most {@value #MAX_WAIT_MILLIS} ms, until the projection behind it has processed that
 * event of the store; then 503 with Retry-After.
 */
@Component
public class Freshness {

    static final long MAX_WAIT_MILLIS = 2_000;
    private static final long POLL_MILLIS = 5;

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final String eventTable;

    Freshness(EventProcessingConfiguration processing, JdbcClient jdbc, EventStoreProperties store) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.eventTable = store.schema() + ".domain_event_entry";
    }

    public void await(String processorName, UUID customerId, Long minVersion) {
        if (minVersion == null) {
            return;
        }
        if (minVersion < 1) {
            throw new BadRequestException("minVersion", "must be a version of the customer, 1 or more");
        }
        long deadline = System.nanoTime() + Duration.ofMillis(MAX_WAIT_MILLIS).toNanos();
        Long globalIndex = null;
        while (globalIndex == null || position(processorName) < globalIndex) {
            if (globalIndex == null) {
                globalIndex = jdbc.sql("SELECT global_index FROM " + eventTable
                                + " WHERE aggregate_identifier = :id AND sequence_number = :sequence")
                        .param("id", customerId.toString()).param("sequence", minVersion - 1)
                        .query(Long.class).optional().orElse(null);
            }
            if (System.nanoTime() > deadline) {
                throw new NotCaughtUpException(minVersion);
            }
            sleep();
        }
    }

    /** The lowest position any segment of the processor has reached; -1 when it has not started. */
    public long position(String processorName) {
        var processor = processing.eventProcessor(processorName, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            throw new IllegalArgumentException("no streaming processor " + processorName);
        }
        Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        return status.values().stream()
                .map(segment -> segment.getCurrentPosition())
                .mapToLong(position -> position.orElse(-1))
                .min().orElse(-1);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a projection", e);
        }
    }

    /** The projection had not reached the version the reader asked for in time. */
    public static class NotCaughtUpException extends RuntimeException {

        NotCaughtUpException(long minVersion) {
            super("The view has not caught up with version " + minVersion + " yet; retry in a moment.");
        }
    }
}
