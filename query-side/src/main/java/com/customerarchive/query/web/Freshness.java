package com.customerarchive.query.web;

import com.customerarchive.platform.web.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * Read-your-writes: a reader that just wrote version n of a customer passes {@code minVersion=n}, and the read
 * waits, at most {@value #MAX_WAIT_MILLIS} ms, until the read models hold that version of that customer; then
 * 503 with Retry-After. The one pass writes every read model in the same transaction, so the customer's version
 * in {@code profile} is the version of all of them, whatever order other customers' writes committed in.
 */
@Component
public class Freshness {

    static final long MAX_WAIT_MILLIS = 2_000;
    private static final long POLL_MILLIS = 5;

    private final JdbcClient jdbc;

    Freshness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void await(UUID customerId, Long minVersion) {
        if (minVersion == null) {
            return;
        }
        if (minVersion < 1) {
            throw new InvalidRequestException("minVersion", "must be a version of the customer, 1 or more");
        }
        long deadline = System.nanoTime() + Duration.ofMillis(MAX_WAIT_MILLIS).toNanos();
        while (version(customerId) < minVersion) {
            if (System.nanoTime() > deadline) {
                throw new NotCaughtUpException(minVersion);
            }
            sleep();
        }
    }

    private long version(UUID customerId) {
        return jdbc.sql("SELECT version FROM profile WHERE customer_id = :id").param("id", customerId)
                .query(Long.class).optional().orElse(0L);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read models", e);
        }
    }

    /** The read models had not reached the version the reader asked for in time. */
    public static class NotCaughtUpException extends RuntimeException {

        NotCaughtUpException(long minVersion) {
            super("The view has not caught up with version " + minVersion + " yet; retry in a moment.");
        }
    }
}
