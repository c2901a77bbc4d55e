package com.customerarchive.query.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;

/**
 * Grows the event store to the replay's size by copying the events the benchmark wrote through the API,
 * each copy under new customer ids (and new complaint ids): the first group of every UUID in the payload and
 * the aggregate id becomes a random copy mark ({@code c3f0a91e-…}). Only events of customers that are not copies
 * themselves (whose id does not start with {@code c}) are copied, so that copies made by several calls on one store
 * never meet. Real events, real shapes, a thousand times faster than HTTP.
 */
public final class EventCloner {

    /** Customers that are not copies: a UUID whose first group does not start with the copy mark's {@code c}. */
    private static final String ORIGINAL = "aggregate_identifier ~ '^[0-9abd-f][0-9a-f]{7}-'";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private EventCloner() {
    }

    /** Copies until at least {@code target} events are stored; returns how many are. */
    public static long fill(Connection connection, long target, BiConsumer<String, Object[]> log) throws SQLException {
        long written = count(connection);
        long head = head(connection);
        if (written >= target) {
            return written;
        }
        long originals = single(connection, "SELECT count(*) FROM event_store.domain_event_entry WHERE "
                + ORIGINAL + " AND global_index <= " + head);
        if (originals == 0) {
            throw new IllegalStateException("no events of customers that are not copies to copy");
        }
        long copies = (target - written + originals - 1) / originals;
        log.accept("copying the %d stored events %d times to reach %d ...", new Object[]{originals, copies, target});
        copy(connection, ORIGINAL + " AND global_index <= " + head, copies, log);
        try (Statement analyze = connection.createStatement()) {
            analyze.execute("ANALYZE event_store.domain_event_entry");
        }
        return count(connection);
    }

    /** Copies one customer's events {@code times} times, each copy a customer of its own. */
    public static void copiesOf(Connection connection, String customerId, int times) throws SQLException {
        if (!customerId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a customer id");
        }
        copy(connection, "aggregate_identifier = '" + customerId + "'", times, (format, arguments) -> { });
    }

    /** Copies the events {@code which} selects {@code copies} times, in store order, each time under new ids. */
    private static void copy(Connection connection, String which, long copies, BiConsumer<String, Object[]> log)
            throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement copy = connection.prepareStatement("""
                INSERT INTO event_store.domain_event_entry (global_index, event_identifier, aggregate_identifier,
                    sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT nextval('event_store.domain_event_entry_seq'), gen_random_uuid()::text,
                       ? || substr(aggregate_identifier, 9), sequence_number, type, time_stamp, payload_type,
                       payload_revision,
                       convert_to(regexp_replace(convert_from(payload, 'UTF8'),
                           '"[0-9a-f]{8}-([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"', '"' || ? || '-\\1"', 'g'),
                           'UTF8'),
                       meta_data
                FROM event_store.domain_event_entry
                WHERE""" + " " + which + " ORDER BY global_index")) {
            java.util.Set<String> used = new java.util.HashSet<>();
            for (long i = 1; i <= copies; i++) {
                String prefix;
                do {
                    prefix = "c" + String.format("%07x", RANDOM.nextInt(1 << 28));
                } while (!used.add(prefix));
                copy.setString(1, prefix);
                copy.setString(2, prefix);
                copy.executeUpdate();
                if (i % 10 == 0 || i == copies) {
                    log.accept("  %d of %d copies, %.0f s", new Object[]{i, copies, (System.nanoTime() - start) / 1e9});
                }
            }
        }
    }

    /** The customers' events stored (the organisation's stream is not copied nor counted: the feed does not carry it). */
    private static long count(Connection connection) throws SQLException {
        return single(connection, "SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'Customer'");
    }

    private static long head(Connection connection) throws SQLException {
        return single(connection, "SELECT COALESCE(max(global_index), 0) FROM event_store.domain_event_entry");
    }

    /** The one number a query answers. */
    static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
