package com.customerarchive.command.customer;

import com.customerarchive.testsupport.Api;
import com.customerarchive.command.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

        List<Integer> statuses = all(2, writer -> api.call("PUT", "/api/customers/" + id + "/grade", "sales",
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

        List<Api.Response> answers = all(20, writer -> api.post("/api/customers", "sales", body));

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

    private interface Writer<T> {
        T write(int writer) throws Exception;
    }

    /** Runs every writer at the same instant and collects their answers. */
    private static <T> List<T> all(int writers, Writer<T> writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int number = i;
                Callable<T> task = () -> {
                    start.await();
                    return writer.write(number);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
