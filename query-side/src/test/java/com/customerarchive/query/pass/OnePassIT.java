package com.customerarchive.query.pass;

import com.customerarchive.query.bench.EventCloner;
import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one pass killed with SIGKILL in the middle of its work, with both apps as real processes (failsafe, after
 * packaging): started again, it has lost no row and doubled none, and the feed still counts 1..N without a gap.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OnePassIT {

    private static AppProcess commandSide;
    private static AppProcess querySide;

    @BeforeAll
    static void start() {
        commandSide = AppProcess.commandSide();
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.stop();
        }
    }

    @Test
    void killed_in_the_middle_of_a_large_batch_it_loses_and_doubles_nothing() throws Exception {
        var commands = new Api("http://localhost:" + commandSide.port());
        for (int c = 0; c < 20; c++) {
            String id = commands.post("/api/customers", "sales", """
                    {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "EVENT", "grade": "C",
                     "ownerId": "rep-kill", "card": {"basic": {"name": "Killed %d"}}}""".formatted(c))
                    .json().get("customerId").asString();
            for (int v = 0; v < 4; v++) {
                assertThat(commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}").status())
                        .isEqualTo(201);
            }
        }
        long stored;
        try (Connection db = connect()) {
            // a backlog the pass needs several seconds and many batches for: copies of the stored events
            stored = EventCloner.fill(db, single(db, "SELECT count(*) FROM event_store.domain_event_entry") + 30_000,
                    (format, args) -> { });
        }

        querySide = AppProcess.querySide(0);
        try (Connection db = connect()) {
            long head = feedHead(db);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> feedHead(db) > head + 5_000);
            querySide.kill();
            long atKill = feedHead(db);
            assertThat(atKill).as("killed before the pass had read everything").isLessThan(stored);

            querySide = AppProcess.querySide(0);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> feedHead(db) >= stored);
            // the feed is committed ahead of the other read models: they have everything once their lag is 0
            var restarted = new Api("http://localhost:" + querySide.port());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode all = restarted.get("/api/admin/projections", "admin").json();
                boolean caughtUp = all.size() > 1;
                for (JsonNode projection : all) {
                    caughtUp &= projection.get("lag").asLong() == 0;
                }
                return caughtUp;
            });

            assertThat(single(db, "SELECT count(*) FROM read_model.feed_event")).isEqualTo(stored);
            assertThat(feedHead(db)).as("positions 1..N, no gap").isEqualTo(stored);
            assertThat(single(db, "SELECT count(DISTINCT event_id) FROM read_model.feed_event")).isEqualTo(stored);
            // every customer event has its history row (history counts a customer's events from 1); when one lacks
            // it, the message says which kinds, whether originals or copies, where in the store, and what the pass
            // had parked or was rebuilding
            assertThat(rows(db, """
                    SELECT e.payload_type || ' copy=' || (e.aggregate_identifier ~ '^c') || ' count=' || count(*)
                           || ' global_index ' || min(e.global_index) || '..' || max(e.global_index)
                    FROM event_store.domain_event_entry e
                    LEFT JOIN read_model.history_event h
                           ON h.customer_id = CAST(e.aggregate_identifier AS uuid) AND h.sequence = e.sequence_number + 1
                    WHERE e.type = 'Customer' AND h.customer_id IS NULL
                    GROUP BY e.payload_type, e.aggregate_identifier ~ '^c'""")).as("customer events without their "
                    + "history row; dead letters " + rows(db, "SELECT processing_group || ' ' || count(*) FROM "
                    + "read_model.dead_letter_entry GROUP BY processing_group") + "; rebuild " + rows(db, "SELECT array_to_string(models, ',') || ' at ' "
                    + "|| last_index FROM read_model.pass_rebuild")).isEmpty();
            assertThat(single(db, "SELECT count(*) FROM read_model.history_event")).as("one history row per event")
                    .isEqualTo(stored);
            // the copied customers (EventCloner marks their ids with a leading c), compared one by one
            assertThat(single(db, "SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier ~ '^c'"))
                    .isGreaterThanOrEqualTo(30_000);
            assertThat(single(db, """
                    SELECT count(*) FROM (SELECT aggregate_identifier::uuid AS customer_id, count(*) AS events
                                          FROM event_store.domain_event_entry WHERE aggregate_identifier ~ '^c'
                                          GROUP BY 1) store
                    FULL JOIN (SELECT * FROM read_model.profile WHERE customer_id::text ~ '^c') profile
                        USING (customer_id)
                    WHERE profile.version IS DISTINCT FROM store.events""")).as("profiles at their stream's version")
                    .isZero();
            assertThat(single(db, """
                    SELECT count(*) FROM (SELECT aggregate_identifier::uuid AS customer_id, count(*) AS visits
                                          FROM event_store.domain_event_entry WHERE payload_type LIKE '%VisitRecorded%'
                                            AND aggregate_identifier ~ '^c' GROUP BY 1) store
                    FULL JOIN (SELECT customer_id, count(*) AS visits FROM read_model.report_fact WHERE type = 'VisitRecorded'
                                 AND customer_id::text ~ '^c' GROUP BY 1) activity USING (customer_id)
                    WHERE activity.visits IS DISTINCT FROM store.visits""")).as("one report fact per visit").isZero();
        }
        var queries = new Api("http://localhost:" + querySide.port());
        assertThat(queries.get("/api/admin/projections/feed", "admin").json().get("lag").asLong()).isZero();
    }

    private static long feedHead(Connection db) throws SQLException {
        return single(db, "SELECT COALESCE(max(position), 0) FROM read_model.feed_event");
    }

    private static Connection connect() throws SQLException {
        TestDatabase database = TestDatabase.get();
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    private static java.util.List<String> rows(Connection db, String sql) {
        java.util.List<String> found = new java.util.ArrayList<>();
        try (var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        } catch (SQLException e) {
            found.add("(not readable: " + e.getMessage() + ")");
        }
        return found;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
