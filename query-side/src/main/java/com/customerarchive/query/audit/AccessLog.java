package com.customerarchive.query.audit;

import com.customerarchive.query.core.SqlArrays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The access trail: every read of a customer's personal data (its profile, history, changes or an as-of view)
 * is recorded with who and when, durably, before the read answers; so is every read of many customers at once (a
 * search page, an export, a report list that names customers) with its filter and the customers it named. No event can rebuild it. One writer thread
 * commits the rows of all reads waiting at that moment together (group commit): a hundred concurrent reads share
 * one transaction and one flush to disk instead of taking one each.
 */
@Component
public class AccessLog {

    /** The views that show personal data, one per endpoint: opening a customer is one entry per endpoint read. */
    public enum View {
        PROFILE("profile"), HISTORY("history"), CHANGES("changes"), AS_OF("as-of"), VISITS("visits"), LEDGER("ledger"), PRINT("print");

        private final String label;

        View(String label) {
            this.label = label;
        }
    }

    public record Entry(Instant at, String user, String view) {
    }

    /** One entry of the trail: a single read names one customer and no filter. */
    public record TrailEntry(Instant at, String user, String view, String format, String filter, int customers,
                             List<UUID> customerIds) {
    }

    public record TrailPage(List<TrailEntry> items, int page, int size, long total) {
    }

    private record Pending(String insert, Object[] row, CompletableFuture<Void> written) {
    }

    private static final String SINGLE = "INSERT INTO access_log (customer_id, at, username, view) VALUES (?, ?, ?, ?)";
    private static final String BULK = "INSERT INTO access_trail (at, username, view, format, filter, customers, "
            + "customer_ids) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String TRAIL = "SELECT at, username, view, NULL AS format, NULL AS filter, 1 AS customers, "
            + "ARRAY[customer_id] AS customer_ids, id, 0 AS bulk FROM access_log UNION ALL "
            + "SELECT at, username, view, format, filter, customers, customer_ids, id, 1 AS bulk FROM access_trail";

    private static final int MAX_ROWS_PER_COMMIT = 500;
    private static final long WAIT_SECONDS = 10;

    private final JdbcClient jdbc;
    private final JdbcTemplate plain;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    AccessLog(JdbcClient jdbc, JdbcTemplate plain, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.meters = meters;
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
        String user = reader();
        commit(SINGLE, new Object[]{customerId, Timestamp.from(clock.instant()), user, view.label});
        customersRead(user, 1);
    }

    /**
     * A read of many customers at once: the endpoint read ({@code GET /api/profiles}), the answer's format, the
     * filter (the query string) and the customers the answer named. Returns once committed, like a single read.
     */
    public void recordBulk(String view, String format, String filter, Collection<UUID> customerIds) {
        String user = reader();
        commit(BULK, new Object[]{Timestamp.from(clock.instant()), user, view, format, filter, customerIds.size(),
                SqlArrays.uuids(customerIds)});
        customersRead(user, customerIds.size());
    }

    private static String reader() {
        Authentication reader = SecurityContextHolder.getContext().getAuthentication();
        return reader == null ? "anonymous" : reader.getName();
    }

    private void customersRead(String user, int customers) {
        Counter.builder("archive.customers.read").description("Customers whose personal data a user read")
                .tag("user", user).register(meters).increment(customers);
    }

    private void commit(String insert, Object[] row) {
        Pending pending = new Pending(insert, row, new CompletableFuture<>());
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
                Map<String, List<Object[]>> rows = batch.stream().collect(Collectors.groupingBy(Pending::insert,
                        Collectors.mapping(Pending::row, Collectors.toList())));
                transactions.executeWithoutResult(status -> rows.forEach(plain::batchUpdate));
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

    /** Single and bulk reads, newest first; user, from (inclusive) and to (exclusive) narrow it when given. */
    TrailPage trail(String user, Instant from, Instant to, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (user != null) {
            conditions.add("username = :user");
            parameters.put("user", user);
        }
        if (from != null) {
            conditions.add("at >= :from");
            parameters.put("from", Timestamp.from(from));
        }
        if (to != null) {
            conditions.add("at < :to");
            parameters.put("to", Timestamp.from(to));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT count(*) FROM (" + TRAIL + ") trail" + where).params(parameters)
                .query(Long.class).single();
        List<TrailEntry> items = jdbc.sql("SELECT * FROM (" + TRAIL + ") trail" + where
                        + " ORDER BY at DESC, bulk DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(parameters).param("limit", size).param("offset", (long) page * size)
                .query((row, n) -> new TrailEntry(row.getTimestamp("at").toInstant(), row.getString("username"),
                        row.getString("view"), row.getString("format"), row.getString("filter"), row.getInt("customers"),
                        List.of((UUID[]) row.getArray("customer_ids").getArray())))
                .list();
        return new TrailPage(items, page, size, total);
    }
}
