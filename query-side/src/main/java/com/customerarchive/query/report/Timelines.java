package com.customerarchive.query.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads the reports' facts as the archive knew them at an instant of recording time, one customer's timeline at a
 * time (streamed: the archive is never held whole), and the names of the customers a report lists.
 */
@Repository
class Timelines {

    private static final int FETCHED = 2_000;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate readOnly;
    private final ObjectMapper mapper = new ObjectMapper();

    Timelines(JdbcTemplate jdbc, JdbcClient client, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.client = client;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Every registered customer's timeline of what was recorded by {@code knownAt}, in customer order. */
    void each(Instant knownAt, Consumer<Timeline> consumer) {
        readOnly.executeWithoutResult(status -> {
            Folder folder = new Folder(consumer);
            jdbc.query(connection -> {
                var statement = connection.prepareStatement("""
                        SELECT customer_id, sequence, occurred_at, recorded_at, type, facts::text AS facts
                        FROM report_fact WHERE recorded_at <= ? ORDER BY customer_id, sequence""");
                statement.setFetchSize(FETCHED);
                statement.setTimestamp(1, Timestamp.from(knownAt));
                return statement;
            }, folder);
            folder.hand();
        });
    }

    /** Gathers the rows of one customer and hands its timeline on when the next customer's rows begin. */
    private final class Folder implements RowCallbackHandler {

        private final Consumer<Timeline> consumer;
        private final List<Fact> facts = new ArrayList<>();
        private UUID current;

        Folder(Consumer<Timeline> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            UUID customerId = row.getObject("customer_id", UUID.class);
            if (!customerId.equals(current)) {
                hand();
                current = customerId;
            }
            facts.add(new Fact(customerId, row.getLong("sequence"), row.getTimestamp("occurred_at").toInstant(),
                    row.getTimestamp("recorded_at").toInstant(), row.getString("type"), json(row.getString("facts"))));
        }

        void hand() {
            if (current != null && !facts.isEmpty()) {
                Timeline timeline = new Timeline(current, facts);
                if (timeline.registered()) {
                    consumer.accept(timeline);
                }
            }
            facts.clear();
        }
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report fact that is not JSON", e);
        }
    }

    /** The customers' codes as the profile shows them now; a customer without one is absent. */
    Map<UUID, String> codes(Collection<UUID> customerIds) {
        Map<UUID, String> codes = new HashMap<>();
        if (customerIds.isEmpty()) {
            return codes;
        }
        client.sql("SELECT customer_id, code FROM profile WHERE customer_id = ANY(:ids) AND code IS NOT NULL")
                .param("ids", customerIds.toArray(UUID[]::new))
                .query(row -> {
                    codes.put(row.getObject("customer_id", UUID.class), row.getString("code"));
                });
        return codes;
    }

    /** The customers' names as the profile shows them now (an erased name reads as erased). */
    Map<UUID, String> names(Collection<UUID> customerIds) {
        Map<UUID, String> names = new HashMap<>();
        if (customerIds.isEmpty()) {
            return names;
        }
        client.sql("SELECT customer_id, name FROM profile WHERE customer_id = ANY(:ids)")
                .param("ids", customerIds.toArray(UUID[]::new))
                .query(row -> {
                    names.put(row.getObject("customer_id", UUID.class), row.getString("name"));
                });
        return names;
    }
}
