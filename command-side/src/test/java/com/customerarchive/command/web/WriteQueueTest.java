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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writes at once on a small pool whose wait for a connection is short (as it is, to find a database gone
 * quickly): before the writes queued for their turn, the late ones waited in the pool past that wait and heard 503
 * although the database was there. Six connections leave two writes at once; 48 registrations come together.
 */
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=6",
        "spring.datasource.hikari.connection-timeout=250"})
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
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<UUID> ids = new ArrayList<>();
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int client = 0; client < CLIENTS; client++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                String body = """
                        {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR",
                         "source": "EXHIBITION", "grade": "C", "ownerId": "rep-queue",
                         "card": {"basic": {"name": "Queued Trading %d", "phones": ["+86 21 6%07d"]}}}"""
                        .formatted(id, client, client);
                answers.add(clients.submit(() -> {
                    start.await();
                    return api.post("/api/customers", "sales", body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).hasSize(CLIENTS).containsOnly(201);
        } finally {
            clients.shutdownNow();
        }
        Integer stored = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0 "
                        + "AND aggregate_identifier IN (:ids)")
                .param("ids", ids.stream().map(UUID::toString).toList()).query(Integer.class).single();
        assertThat(stored).isEqualTo(CLIENTS);
    }
}
