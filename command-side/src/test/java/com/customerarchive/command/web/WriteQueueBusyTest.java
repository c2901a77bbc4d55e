package com.customerarchive.command.web;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One write at a time and a turn waited for a millisecond at most: of 24 registrations sent together, those that did
 * not get their turn hear 503 busy with Retry-After, and exactly the acknowledged ones are stored.
 */
@TestPropertySource(properties = {"archive.writes.concurrent=1", "archive.writes.queue-timeout=1ms"})
class WriteQueueBusyTest extends PostgresTest {

    private static final int CLIENTS = 24;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_write_that_does_not_get_its_turn_in_time_hears_busy_and_nothing_of_it_is_stored() throws Exception {
        Api api = new Api("http://localhost:" + port);
        Map<UUID, Api.Response> answers = WriteQueueTest.registeredTogether(api, CLIENTS, (id, client) -> """
                {"customerId": "%s", "kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL",
                 "source": "WEBSITE", "grade": "D", "ownerId": "rep-busy", "card": {"basic": {"name": "Busy %d"}}}"""
                .formatted(id, client));
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        answers.forEach((id, answer) -> {
            if (answer.status() == 503) {
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.json().get("type").asString()).endsWith("/busy");
                refused.add(id.toString());
            } else {
                assertThat(answer.status()).isEqualTo(201);
                acknowledged.add(id.toString());
            }
        });
        assertThat(refused).isNotEmpty();
        assertThat(acknowledged).isNotEmpty();
        List<String> stored = jdbc.sql("SELECT aggregate_identifier FROM domain_event_entry WHERE sequence_number = 0 "
                        + "AND aggregate_identifier IN (:ids)")
                .param("ids", answers.keySet().stream().map(UUID::toString).toList()).query(String.class).list();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
        // every turn was given back: a registration alone afterwards gets one at once
        assertThat(api.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "D",
                 "ownerId": "rep-busy", "card": {"basic": {"name": "After the burst"}}}""").status()).isEqualTo(201);
    }
}
