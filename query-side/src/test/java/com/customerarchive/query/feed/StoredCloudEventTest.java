package com.customerarchive.query.feed;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each feed entry's CloudEvent is written once, when it enters the feed, and read back as it was written; an entry
 * written before entries kept their CloudEvent (only its data column) reads as the same event.
 */
class StoredCloudEventTest extends BothAppsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_entry_reads_the_same_from_its_stored_cloud_event_and_from_its_columns() {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String id = commands.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "B",
                 "ownerId": "rep-stored", "card": {"basic": {"name": "Stored Event", "email": "stored@example.com"}}}""")
                .json().get("customerId").asString();
        assertThat(commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}").status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> events(queries, id).size() == 2);
        List<JsonNode> stored = events(queries, id);

        // what a read sends is what was written when the entry entered the feed
        List<String> written = jdbc.sql("SELECT cloud_event FROM read_model.feed_event WHERE customer_id = CAST(:id AS uuid) "
                + "ORDER BY position").param("id", id).query(String.class).list();
        assertThat(written).hasSize(2).doesNotContainNull();
        assertThat(queries.get("/api/events?customerId=" + id, "integrator").raw().body()).contains(written);
        assertThat(stored.get(0).at("/data/card/basic/name").asString()).isEqualTo("Stored Event");
        assertThat(stored.get(0).get("type").asString()).isEqualTo("customerarchive.CustomerRegistered");
        assertThat(stored.get(1).get("sequence").asLong()).isEqualTo(2);

        // as an entry written before: only its columns
        jdbc.sql("""
                UPDATE read_model.feed_event SET data = CAST(cloud_event AS jsonb) -> 'data', cloud_event = NULL
                WHERE customer_id = CAST(:id AS uuid)""").param("id", id).update();
        assertThat(events(queries, id)).isEqualTo(stored);
    }

    private static List<JsonNode> events(Api queries, String id) {
        List<JsonNode> events = new java.util.ArrayList<>();
        queries.get("/api/events?customerId=" + id, "integrator").json().get("events").forEach(events::add);
        return events;
    }
}
