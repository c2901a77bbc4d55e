package com.customerarchive.command.customer;

import com.customerarchive.testsupport.Api;
import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.command.support.Together;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Races on the real event store: nothing acknowledged is lost, nothing is written twice. */
class ConcurrentWritesTest extends PostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void two_writers_with_the_same_if_match_at_once_get_one_200_and_one_409_and_one_event() throws Exception {
        var api = new Api("http://localhost:" + port);
        String id = api.post("/api/customers", "sales", registration(null, "Race Track Ltd"))
                .json().get("customerId").asString();

        List<Integer> statuses = Together.run(2, writer -> api.call("PUT", "/api/customers/" + id + "/grade", "sales",
                "{\"grade\": \"" + (writer == 0 ? "A" : "E") + "\", \"reason\": \"writer " + writer + "\"}", "\"1\"")
                .status());

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void the_same_idempotent_registration_sent_twenty_times_at_once_makes_one_stream_with_one_event() throws Exception {
        var api = new Api("http://localhost:" + port);
        UUID id = UUID.randomUUID();
        String body = registration(id, "Twenty Times Ltd");

        List<Api.Response> answers = Together.run(20, writer -> api.post("/api/customers", "sales", body));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.json().get("customerId").asString()).isEqualTo(id.toString());
            assertThat(answer.json().get("version").asLong()).isEqualTo(1);
        });
        assertThat(eventsOf(id.toString())).isEqualTo(1);
        var different = api.post("/api/customers", "sales", registration(id, "Someone Else Ltd"));
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("rule").asString()).isEqualTo("customer-id-taken");
        assertThat(eventsOf(id.toString())).isEqualTo(1);
    }

    private static String registration(UUID id, String name) {
        return """
                {%s"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EVENT", "grade": "B",
                 "ownerId": "rep-1", "card": {"basic": {"name": "%s"}}}"""
                .formatted(id == null ? "" : "\"customerId\": \"" + id + "\", ", name);
    }

    private long eventsOf(String customerId) {
        return jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).query(Long.class).single();
    }
}
