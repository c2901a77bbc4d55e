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

    /** How the profile names a customer now: its name (erased reads as erased), its code (null until approved). */
    record Label(String name, String code) {
        /** A customer without a profile (yet). */
        static final Label NONE = new Label(null, null);
    }

    /** The customers' labels, read once for all of them; a customer without a profile is absent (Label.NONE). */
    Map<UUID, Label> labels(Collection<UUID> customerIds) {
        Map<UUID, Label> labels = new HashMap<>();
        if (customerIds.isEmpty()) {
            return labels;
        }
        client.sql("SELECT customer_id, name, code FROM profile WHERE customer_id = ANY(:ids)")
                .param("ids", customerIds.stream().distinct().toArray(UUID[]::new))
                .query(row -> {
                    labels.put(row.getObject("customer_id", UUID.class),
                            new Label(row.getString("name"), row.getString("code")));
                });
        return labels;
    }
}
