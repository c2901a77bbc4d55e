package com.customerarchive.query.faults;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-sides and two query-sides on one database. Writers send visits for the same customers through both
 * command-sides (each with its own cache): a stale cache answers 409, never overwrites, so the visits stay numbered
 * 1..n with no gap or double. One command-side is killed with SIGKILL mid-run: every acknowledged visit is stored.
 * Both query-sides answer; one runs the pass; killed, the other takes the pass over and the feed stays 1..N.
 */
class TwoOfEachIT {

    private final List<AppProcess> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(AppProcess::stop);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void writes_through_two_command_sides_lose_nothing_and_a_surviving_query_side_carries_on() throws Exception {
        AppProcess first = started(AppProcess.start("command-side", List.of("-Xmx256m")));
        AppProcess second = started(AppProcess.start("command-side", List.of("-Xmx256m")));
        AppProcess readerOne = started(AppProcess.querySide(0));
        AppProcess readerTwo = started(AppProcess.querySide(0));
        List<Api> writers = List.of(new Api(first.baseUrl()), new Api(second.baseUrl()));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api.Response created = writers.get(0).post("/api/customers", "manager", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                     "ownerId": "rep-twins", "card": {"basic": {"name": "Twin Writers %d"}}}""".formatted(i));
            assertThat(created.status()).isEqualTo(201);
            customers.add(created.json().get("customerId").asString());
        }

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean secondAlive = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            Random random = new Random(client);
            clients.submit(() -> {
                while (running.get()) {
                    String customer = customers.get(random.nextInt(customers.size()));
                    boolean viaSecond = random.nextBoolean() && secondAlive.get();
                    try {
                        Api.Response answer = writers.get(viaSecond ? 1 : 0).post("/api/customers/" + customer
                                + "/visits", "sales", "{\"method\": \"PHONE\"}");
                        if (answer.status() == 201) {
                            acknowledged.merge(customer, answer.json().get("version").asLong(), Math::max);
                        } else if (answer.status() != 409) {
                            unexpected.add(answer.status() + " " + answer.raw().body());
                        }
                    } catch (UncheckedIOException killed) {
                        assertThat(viaSecond).as("only the killed instance drops a connection").isTrue();
                    }
                }
                return null;
            });
        }
        Thread.sleep(4_000);
        secondAlive.set(false);
        second.kill();
        Thread.sleep(3_000);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).as("every answer is 201, or 409 for a stale cache").isEmpty();

        for (String customer : customers) {
            List<Integer> visitNumbers = visitNumbers(customer);
            assertThat(visitNumbers).as("visits numbered 1..n: no update lost, none doubled")
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, visitNumbers.size()).boxed().toList());
            assertThat(1L + visitNumbers.size()).as("every acknowledged visit is stored")
                    .isGreaterThanOrEqualTo(acknowledged.getOrDefault(customer, 1L));
        }

        Api one = new Api(readerOne.baseUrl());
        Api two = new Api(readerTwo.baseUrl());
        for (String customer : customers) {
            long stored = 1 + visitNumbers(customer).size();
            await().atMost(Duration.ofSeconds(30)).until(() -> version(one, customer) == stored
                    && version(two, customer) == stored);
        }
        readerOne.kill();
        apps.remove(readerOne);
        Api.Response late = writers.get(0).post("/api/customers/" + customers.get(0) + "/visits", "sales",
                "{\"method\": \"ONLINE\"}");
        assertThat(late.status()).isEqualTo(201);
        long lateVersion = late.json().get("version").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> version(two, customers.get(0)) == lateVersion);
        long stored = count("SELECT count(*) FROM event_store.domain_event_entry");
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COALESCE(max(position), 0) FROM read_model.feed_event") == stored);
        assertThat(count("SELECT count(*) FROM read_model.feed_event")).as("the feed is 1..N, no gap, no repeat").isEqualTo(stored);
    }

    private AppProcess started(AppProcess app) {
        apps.add(app);
        return app;
    }

    private static long version(Api api, String customer) {
        Api.Response profile = api.get("/api/profiles/" + customer, "manager");
        return profile.status() == 200 ? profile.json().get("version").asLong() : 0;
    }

    private static List<Integer> visitNumbers(String customer) throws SQLException {
        TestDatabase database = TestDatabase.get();
        List<Integer> numbers = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement("""
                     SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry
                     WHERE aggregate_identifier = ? AND payload_type LIKE '%VisitRecordedEvent' ORDER BY sequence_number""")) {
            query.setString(1, customer);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode payload = tools.jackson.databind.json.JsonMapper.builder().build().readTree(rows.getString(1));
                    numbers.add(payload.get("visitNo").asInt());
                }
            }
        }
        return numbers;
    }

    private static long count(String sql) throws SQLException {
        TestDatabase database = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
