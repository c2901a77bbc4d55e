package com.customerarchive.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The access trail: every read of a customer's personal data (its profile, history, changes or an as-of view)
 * is recorded with who and when, durably, before the read answers. No event can rebuild it. One writer thread
 * commits the rows of all reads waiting at that moment together (group commit): a hundred concurrent reads share
 * one transaction and one flush to disk instead of taking one each.
 */
@Component
public class AccessLog {

    /** The views that show personal data. */
    public enum View {
        PROFILE("profile"), HISTORY("history"), CHANGES("changes"), AS_OF("as-of");

        private final String label;

        View(String label) {
            this.label = label;
        }
    }

    public record Entry(Instant at, String user, String view) {
    }

    private record Pending(UUID customerId, Instant at, String user, String view, CompletableFuture<Void> written) {
    }

    private static final int MAX_ROWS_PER_COMMIT = 500;
    private static final long WAIT_SECONDS = 10;

    private final JdbcClient jdbc;
    private final JdbcTemplate plain;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    AccessLog(JdbcClient jdbc, JdbcTemplate plain, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.plain = plain;
        this.transactions = transactions;
        this.clock = clock;
        this.writer = new Thread(this::write, "access-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Returns once the row is committed; a read whose row could not be written fails rather than answer. */
    public void record(UUID customerId, View view) {
        Authentication reader = SecurityContextHolder.getContext().getAuthentication();
        String user = reader == null ? "anonymous" : reader.getName();
        Pending pending = new Pending(customerId, clock.instant(), user, view.label, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.written().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the access trail was written", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the access trail could not be written; the read is refused", e);
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_ROWS_PER_COMMIT - 1);
                List<Object[]> rows = batch.stream().map(entry -> new Object[]{entry.customerId(),
                        Timestamp.from(entry.at()), entry.user(), entry.view()}).toList();
                transactions.executeWithoutResult(status -> plain.batchUpdate(
                        "INSERT INTO access_log (customer_id, at, username, view) VALUES (?, ?, ?, ?)", rows));
                batch.forEach(entry -> entry.written().complete(null));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                batch.forEach(entry -> entry.written().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writer.interrupt();
    }

    /** Newest first. */
    List<Entry> list(UUID customerId, int limit) {
        return jdbc.sql("SELECT at, username, view FROM access_log WHERE customer_id = :id ORDER BY at DESC, id DESC "
                        + "LIMIT :limit")
                .param("id", customerId).param("limit", limit)
                .query((row, n) -> new Entry(row.getTimestamp("at").toInstant(), row.getString("username"),
                        row.getString("view")))
                .list();
    }
}
