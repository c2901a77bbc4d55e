package com.customerarchive.command.web;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writes at once on a small pool whose wait for a connection is short (as it is, to find a database gone
 * quickly): before the writes queued for their turn, the late ones waited in the pool past that wait and heard 503
 * although the database was there. Six connections leave two writes at once; 48 registrations come together.
 */
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=6",
        "spring.datasource.hikari.connection-timeout=250",
        // the last of 48 waits behind 47 taken two at a time: a slow machine must not make this a test of the timeout
        "archive.writes.queue-timeout=60s"})
class WriteQueueTest extends PostgresTest {

    private static final int CLIENTS = 48;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WriteAdmissionFilter admission;

    @Test
    void forty_eight_registrations_at_once_on_six_connections_are_all_stored_none_refused() throws Exception {
        assertThat(admission.permits()).isEqualTo(2);
        Api api = new Api("http://localhost:" + port);
        Map<UUID, Api.Response> answers = registeredTogether(api, CLIENTS, (id, client) -> """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR",
                 "source": "EXHIBITION", "grade": "C", "ownerId": "rep-queue",
                 "card": {"basic": {"name": "Queued Trading %d", "phones": ["+86 21 6%07d"]}}}"""
                .formatted(id, client, client));
        assertThat(answers.values()).extracting(Api.Response::status).hasSize(CLIENTS).containsOnly(201);
        Integer stored = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0 "
                        + "AND aggregate_identifier IN (:ids)")
                .param("ids", answers.keySet().stream().map(UUID::toString).toList()).query(Integer.class).single();
        assertThat(stored).isEqualTo(CLIENTS);
    }

    /**
     * {@code count} registrations (each body made from its customer id and number) sent at the same moment by a client
     * of its own; every answer by the customer id it registers, in the order sent.
     */
    static Map<UUID, Api.Response> registeredTogether(Api api, int count, BiFunction<UUID, Integer, String> body)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            Map<UUID, Future<Api.Response>> answers = new LinkedHashMap<>();
            for (int client = 0; client < count; client++) {
                UUID id = UUID.randomUUID();
                String sent = body.apply(id, client);
                answers.put(id, clients.submit(() -> {
                    start.await();
                    return api.post("/api/customers", "sales", sent);
                }));
            }
            start.countDown();
            Map<UUID, Api.Response> answered = new LinkedHashMap<>();
            for (Map.Entry<UUID, Future<Api.Response>> answer : answers.entrySet()) {
                answered.put(answer.getKey(), answer.getValue().get());
            }
            return answered;
        } finally {
            clients.shutdownNow();
        }
    }
}
