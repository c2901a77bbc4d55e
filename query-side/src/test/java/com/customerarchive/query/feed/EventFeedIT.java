package com.customerarchive.query.feed;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Prometheus;
import com.customerarchive.query.support.Visits;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The integrators' feed end to end, with both apps as real processes (run after packaging, by failsafe):
 * writers on several threads, one SSE subscriber that disconnects and resumes, query-side killed (SIGKILL) once and
 * started again.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EventFeedIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static AppProcess commandSide;
    private static AppProcess querySide;

    @BeforeAll
    static void start() {
        commandSide = AppProcess.commandSide();
        querySide = AppProcess.querySide(0);
    }

    @AfterAll
    static void stop() {
        querySide.stop();
    }

    /** One event as a subscriber saw it. */
    record Received(long position, String type, String customer, long sequence, String id) {
    }

    @Test
    void a_resuming_subscriber_gets_every_event_once_in_order_across_a_disconnect_and_a_restart() throws Exception {
        var queries = new Api("http://localhost:" + querySide.port());
        long start = head(queries);
        List<Received> received = new CopyOnWriteArrayList<>();

        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> written = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            written.add(writers.submit(() -> write(writer, 30, 15)));
        }

        subscribe(querySide.port(), start, received, 400);
        long afterDisconnect = received.get(received.size() - 1).position();
        subscribe(querySide.port(), afterDisconnect, received, 300);

        // killed outright under the writers' load, and started again: the subscriber resumes from its last id
        int port = querySide.port();
        querySide.kill();
        querySide = AppProcess.querySide(port);
        int total = 0;
        for (Future<Integer> future : written) {
            total += future.get(5, TimeUnit.MINUTES);
        }
        writers.shutdown();

        var restarted = new Api("http://localhost:" + querySide.port());
        long storeEvents = storeCount();
        await().atMost(Duration.ofSeconds(90)).until(() -> head(restarted) >= storeEvents);
        long end = head(restarted);
        subscribe(querySide.port(), received.get(received.size() - 1).position(), received, (int) (end - received.get(received.size() - 1).position()));

        assertThat(received).extracting(Received::position)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(start + 1, end).boxed().toList());
        assertThat(received).extracting(Received::id).doesNotHaveDuplicates();
        Map<String, Long> lastSequence = new HashMap<>();
        for (Received event : received) {
            Long previous = lastSequence.put(event.customer(), event.sequence());
            assertThat(event.sequence()).as("sequence of " + event.customer()).isEqualTo(previous == null ? event.sequence() : previous + 1);
        }
        assertThat(received.stream().filter(e -> e.sequence() == 1).count()).isEqualTo(4 * 30);
        assertThat(total).isEqualTo(received.size());
        assertThat(end).as("one feed position per stored event").isEqualTo(storeEvents);

        List<Received> paged = new ArrayList<>();
        long after = start;
        while (after < end) {
            JsonNode page = restarted.get("/api/events?after=" + after + "&limit=1000", "integrator").json();
            page.get("events").forEach(event -> paged.add(received(event)));
            after = page.get("next").asLong();
        }
        assertThat(paged).as("paging gives what the stream gave").isEqualTo(received);
    }

    @Test
    void a_subscriber_that_stops_reading_does_not_stop_another_from_receiving_live_events() throws Exception {
        var queries = new Api("http://localhost:" + querySide.port());
        // a backlog from position 0 larger than what the sockets' buffers hold (the kernel lets a send buffer grow to
        // 4 MiB), so that the one that never reads really stalls: 10,000 more events, cloned in the store from these
        write(8, 20, 4);
        try (var connection = java.sql.DriverManager.getConnection(com.customerarchive.testsupport.TestDatabase.get().url(),
                com.customerarchive.testsupport.TestDatabase.get().user(), com.customerarchive.testsupport.TestDatabase.get().password())) {
            com.customerarchive.query.bench.EventCloner.fill(connection, storeCount() + 10_000, (format, arguments) -> { });
        }
        long stored = storeCount();
        await().atMost(Duration.ofSeconds(60)).until(() -> head(queries) >= stored);
        long start = head(queries);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new java.net.InetSocketAddress("localhost", querySide.port()));
            String credentials = Base64.getEncoder().encodeToString("integrator:integrator-pw".getBytes(StandardCharsets.UTF_8));
            stalled.getOutputStream().write(("GET /api/events/stream?after=0 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Basic " + credentials + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> Prometheus.value(queries, "archive_feed_subscribers") == 1);

            int events = write(9, 20, 2);

            List<Received> live = new CopyOnWriteArrayList<>();
            subscribe(querySide.port(), start, live, events);
            assertThat(live).hasSize(events);
            // the stalled one is still connected, and really stuck: further behind the head than all the live events
            double behind = Prometheus.value(queries, "archive_feed_subscriber_lag_max");
            assertThat(behind).as("events the stalled subscriber has not taken").isGreaterThan(events);
        }
        // once it goes, its thread is freed (no subscriber is behind any more); a subscriber that hung up while idle
        // is noticed at a heartbeat that fails (every 15 s)
        await().atMost(Duration.ofSeconds(20)).until(() -> Prometheus.value(queries, "archive_feed_subscriber_lag_max") == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> Prometheus.value(queries, "archive_feed_subscribers") == 0);
        assertThat(queries.get("/api/events/stream", "manager").status()).isEqualTo(403);
        assertThat(queries.get("/api/events?limit=0", "integrator").status()).isEqualTo(400);
    }

    private static long head(Api queries) {
        JsonNode page = queries.get("/api/events?after=0&limit=1&type=NoSuchType", "integrator").json();
        return page.get("next").asLong();
    }

    private static long storeCount() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(com.customerarchive.testsupport.TestDatabase.get().url(),
                com.customerarchive.testsupport.TestDatabase.get().user(), com.customerarchive.testsupport.TestDatabase.get().password());
             var result = connection.createStatement().executeQuery("SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'Customer'")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Registers customers and records visits on them; @return the events written. */
    private static int write(int writer, int customers, int visitsEach) {
        return Visits.customersWithVisits(new Api("http://localhost:" + commandSide.port()), "writer-" + writer,
                "Feed " + writer, customers, visitsEach);
    }

    /** Reads the live stream from a position until it has {@code count} more events, then hangs up. */
    private static void subscribe(int port, long after, List<Received> into, int count) throws Exception {
        if (count <= 0) {
            return;
        }
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/stream"))
                .timeout(Duration.ofSeconds(30)) // for the status line; the events are awaited below
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(after))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("integrator:integrator-pw".getBytes(StandardCharsets.UTF_8)))
                .build();
        int target = into.size() + count;
        AtomicBoolean done = new AtomicBoolean();
        HttpResponse<java.util.stream.Stream<String>> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> reading = reader.submit(() -> {
            try (var lines = response.body()) {
                var iterator = lines.iterator();
                while (!done.get() && iterator.hasNext()) {
                    String line = iterator.next();
                    if (line.startsWith("data:")) {
                        into.add(received(JSON.readTree(line.substring(5))));
                        if (into.size() >= target) {
                            done.set(true);
                        }
                    }
                }
            }
        });
        try {
            reading.get(3, TimeUnit.MINUTES);
        } finally {
            reader.shutdownNow();
        }
    }

    private static Received received(JsonNode cloudEvent) {
        return new Received(cloudEvent.get("position").asLong(), cloudEvent.get("type").asString(),
                cloudEvent.get("subject").asString(), cloudEvent.get("sequence").asLong(), cloudEvent.get("id").asString());
    }
}
