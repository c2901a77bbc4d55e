package com.customerarchive.query.pass;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Work that one instance among several does at a time (the pass, the Kafka publisher): it holds a PostgreSQL
 * advisory lock on a connection of its own while it works, the others wait and take over when that connection
 * goes. A failure releases the lock and is retried after a pause that grows to five seconds; what breaks because the
 * app is stopping is no failure (a clean stop logs no error).
 */
public final class HeldByOne {

    /** The work, given the connection that holds the lock (gone: the work must stop). */
    @FunctionalInterface
    public interface Work {
        void run(Connection lock) throws InterruptedException, SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(HeldByOne.class);

    private final String name;
    private final long key;
    private final DataSource dataSource;

    /** @param key the advisory lock's key, one per kind of work */
    public HeldByOne(String name, long key, DataSource dataSource) {
        this.name = name;
        this.key = key;
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} whenever this instance holds the lock, until {@code running} turns false or the thread is
     * interrupted; {@code failed} hears of each failure before the pause.
     */
    public void run(BooleanSupplier running, Work work, Consumer<Exception> failed) {
        long backoff = 500;
        while (running.getAsBoolean()) {
            try (Connection lock = dataSource.getConnection()) {
                if (!call(lock, "pg_try_advisory_lock")) {
                    // another instance does it; this one takes over when that one stops
                    Thread.sleep(2_000);
                    continue;
                }
                try {
                    work.run(lock);
                    backoff = 500;
                } finally {
                    releaseQuietly(lock);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException | OutOfMemoryError e) {
                // a heap that ran out (a burst of work elsewhere in the app) is survived as any failure: what the
                // work held is garbage now, and it goes on from its stored position instead of leaving the read
                // models behind for good with its thread gone
                if (!running.getAsBoolean()) {
                    // stopping: the work's helpers (reader threads, connections) went first; nothing failed
                    log.debug("{} stopped while the app stops ({})", name, e.toString());
                    return;
                }
                failed.accept(e instanceof Exception exception ? exception : new IllegalStateException(e));
                log.error("{} stopped on {}; retrying in {} ms", name, e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private boolean call(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void releaseQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                call(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            log.debug("{}: the lock went with its connection", name);
        }
    }
}
