package com.customerarchive.query.faults;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Prometheus;
import com.customerarchive.query.support.Visits;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-sides and two query-sides on one database. Writers send visits for the same customers through both
 * command-sides (each with its own cache): a stale cache answers 409, never overwrites, so the visits stay numbered
 * 1..n with no gap or double and no number is acknowledged twice. One command-side is killed with SIGKILL once both
 * have acknowledged visits and one of its commits has held more than one command (a group commit),
 * and the run goes on until every customer has visits acknowledged after the kill: every
 * acknowledged visit is stored and read back, a request lost before the kill or by the survivor fails the test, and a
 * visit stored unacknowledged is one whose request the kill dropped. Both query-sides answer; the one whose meters show
 * it runs the pass is killed, and the other takes the pass over and the feed stays 1..N.
 */
class TwoOfEachIT {

    private static final String PASS_EVENTS = "archive_pass_events_total";

    private final List<AppProcess> apps = new ArrayList<>();

    /** A visit a command-side acknowledged (201), and which one: 0 the survivor, 1 the one killed. */
    private record Acknowledged(String customer, int visitNo, int via) {
    }

    /** One writer's run: what was acknowledged, the customers whose request the killed one dropped, and the rest. */
    private record Run(List<Acknowledged> acknowledged, List<String> dropped, List<String> unexpected) {
    }

    @AfterEach
    void stop() {
        apps.forEach(AppProcess::stop);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void writes_through_two_command_sides_lose_nothing_and_a_surviving_query_side_carries_on() throws Exception {
        // both with the group commit on: the one killed dies with commands in shared commits
        List<String> grouped = List.of("-Xmx256m", "-Darchive.writes.group-commit.enabled=true");
        AppProcess first = started(AppProcess.start("command-side", grouped));
        AppProcess second = started(AppProcess.start("command-side", grouped));
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

        AtomicBoolean secondAlive = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        // whether the kill has begun: a request command-side 1 loses before it is no drop
        AtomicBoolean killed = new AtomicBoolean();
        AtomicIntegerArray acknowledgedVia = new AtomicIntegerArray(2);
        Map<String, AtomicInteger> acknowledgedAfterKill = new ConcurrentHashMap<>();
        customers.forEach(customer -> acknowledgedAfterKill.put(customer, new AtomicInteger()));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Run>> writing = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            Random random = new Random(client);
            writing.add(clients.submit(() -> {
                Run run = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                while (running.get()) {
                    String customer = customers.get(random.nextInt(customers.size()));
                    int via = random.nextBoolean() && secondAlive.get() ? 1 : 0;
                    try {
                        Api.Response answer = writers.get(via).post("/api/customers/" + customer + "/visits", "sales",
                                "{\"method\": \"PHONE\"}");
                        if (answer.status() == 201) {
                            run.acknowledged().add(new Acknowledged(customer, answer.json().get("visitNo").asInt(), via));
                            acknowledgedVia.incrementAndGet(via);
                            if (killed.get()) {
                                acknowledgedAfterKill.get(customer).incrementAndGet();
                            }
                        } else if (answer.status() != 409) {
                            run.unexpected().add(answer.status() + " " + answer.raw().body());
                        }
                    } catch (UncheckedIOException lost) {
                        if (via == 1 && killed.get()) {
                            run.dropped().add(customer);
                        } else {
                            run.unexpected().add((via == 1 ? "command-side 1 lost a request before the kill: "
                                    : "the surviving command-side dropped a request: ") + lost);
                        }
                    }
                }
                return run;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedVia.get(0) >= 20 && acknowledgedVia.get(1) >= 20);
        // killed while it stores visits in shared commits: one of its commits has held more than one command
        Api secondMeters = new Api(second.baseUrl());
        await().atMost(Duration.ofSeconds(60)).until(() -> Prometheus.value(secondMeters,
                "archive_writes_batch_commands_sum") > Prometheus.value(secondMeters, "archive_writes_batch_commands_count"));
        secondAlive.set(false);
        killed.set(true);
        second.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedAfterKill.values().stream()
                .allMatch(count -> count.get() >= 5));
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<Run> runs = new ArrayList<>();
        for (Future<Run> run : writing) {
            runs.add(run.get()); // a writer that died fails the test here, with what killed it
        }

        assertThat(runs).as("every answer is 201, or 409 for a stale cache; only the killed one drops a request")
                .allSatisfy(run -> assertThat(run.unexpected()).isEmpty());
        assertThat(runs).as("every writer had visits acknowledged").allSatisfy(run -> assertThat(run.acknowledged()).isNotEmpty());
        List<Acknowledged> acknowledged = runs.stream().flatMap(run -> run.acknowledged().stream()).toList();
        assertThat(acknowledged).extracting(Acknowledged::via).as("both command-sides acknowledged visits").contains(0, 1);
        Api one = new Api(readerOne.baseUrl());
        Api two = new Api(readerTwo.baseUrl());
        for (String customer : customers) {
            List<Integer> stored = visitNumbers(customer);
            List<Integer> acknowledgedNumbers = acknowledged.stream().filter(visit -> visit.customer().equals(customer))
                    .map(Acknowledged::visitNo).toList();
            long dropped = runs.stream().flatMap(run -> run.dropped().stream()).filter(customer::equals).count();
            assertThat(stored).as("visits numbered 1..n: no update lost, none doubled")
                    .isEqualTo(IntStream.rangeClosed(1, stored.size()).boxed().toList());
            assertThat(acknowledgedNumbers).as("no visit number acknowledged twice").doesNotHaveDuplicates();
            assertThat(stored).as("every acknowledged visit is stored").containsAll(acknowledgedNumbers);
            assertThat(stored.size() - acknowledgedNumbers.size())
                    .as("a visit stored unacknowledged only where the kill dropped its request (%d)", dropped)
                    .isBetween(0, (int) dropped);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(one, customer) == 1 + stored.size()
                    && version(two, customer) == 1 + stored.size());
            assertThat(Visits.listed(one, customer)).as("both query-sides list every stored visit").isEqualTo(stored);
            assertThat(Visits.listed(two, customer)).isEqualTo(stored);
        }

        double handedByOne = Prometheus.value(one, PASS_EVENTS);
        double handedByTwo = Prometheus.value(two, PASS_EVENTS);
        assertThat(Math.max(handedByOne, handedByTwo)).as("one query-side runs the pass").isPositive();
        assertThat(Math.min(handedByOne, handedByTwo)).as("the other does not (events handed to the read models: %s, "
                + "%s)", handedByOne, handedByTwo).isZero();
        AppProcess holder = handedByOne > 0 ? readerOne : readerTwo;
        Api survivor = holder == readerOne ? two : one;
        holder.kill();
        apps.remove(holder);
        Api.Response late = writers.get(0).post("/api/customers/" + customers.get(0) + "/visits", "sales",
                "{\"method\": \"ONLINE\"}");
        assertThat(late.status()).isEqualTo(201);
        long lateVersion = late.json().get("version").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> version(survivor, customers.get(0)) == lateVersion);
        assertThat(Prometheus.value(survivor, PASS_EVENTS)).as("the survivor took the pass over").isPositive();
        // the feed carries the customers' events (the organisation's own stream is not a customer's)
        long stored = count("SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'Customer'");
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
