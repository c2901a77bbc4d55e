package com.customerarchive.query.outage;

import com.customerarchive.query.support.AppProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped for six seconds under four writers and two readers, then started again: every request answers
 * 200/201 or 503 with Retry-After within three seconds, never 500 and never a hang; both apps serve again without a
 * restart, and every acknowledged write reaches the read side.
 */
class DatabaseOutageIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    private EmbeddedPostgres postgres;
    private final List<AppProcess> apps = new ArrayList<>();

    record Answer(String request, int status, long millis, String retryAfter, String contentType) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void an_outage_of_the_database_answers_503_with_retry_after_and_the_apps_recover_without_a_restart()
            throws Exception {
        int port = freePort();
        postgres = start(port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        AppProcess commandSide = AppProcess.startOn("command-side", url, "postgres", "");
        apps.add(commandSide);
        AppProcess querySide = AppProcess.startOn("query-side", url, "postgres", "");
        apps.add(querySide);

        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Answer registered = register(commandSide, UUID.randomUUID());
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            customers.add(registered.request());
        }
        // the readers start once query-side shows every customer (before that a read is rightly 404)
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.stream().allMatch(customer ->
                call(querySide, "GET", "/api/profiles/" + customer, "manager", null).status() == 200));
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int writer = 0; writer < 4; writer++) {
            List<String> own = customers.subList(writer * 2, writer * 2 + 2);
            clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String customer = own.get(n % 2);
                    Answer answer = visit(commandSide, customer);
                    answers.add(answer);
                    if (answer.status() == 201) {
                        acknowledged.merge(customer, version(answer), Math::max);
                    }
                    pause(answer);
                }
            });
        }
        for (int reader = 0; reader < 2; reader++) {
            int first = reader;
            clients.submit(() -> {
                for (int n = first; running.get(); n += 2) {
                    Answer answer = call(querySide, "GET", "/api/profiles/" + customers.get(n % customers.size()),
                            "manager", null);
                    answers.add(answer);
                    pause(answer);
                }
            });
        }

        Thread.sleep(2_000);
        postgres.close();
        Thread.sleep(6_000);
        postgres = start(port);
        int before = answers.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> answers.subList(before, answers.size()).stream()
                .filter(answer -> answer.request().startsWith("POST")).map(Answer::status).filter(s -> s == 201).count() >= 8
                && answers.subList(before, answers.size()).stream().filter(answer -> answer.request().startsWith("GET"))
                .map(Answer::status).filter(s -> s == 200).count() >= 4);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        System.out.printf("outage: %d answers, by status %s, slowest %d ms%n", answers.size(),
                answers.stream().collect(java.util.stream.Collectors.groupingBy(Answer::status,
                        java.util.TreeMap::new, java.util.stream.Collectors.counting())),
                answers.stream().mapToLong(Answer::millis).max().orElse(0));
        assertThat(answers).as("every answer is a success or 503").allSatisfy(answer ->
                assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 503));
        assertThat(answers).as("no request waits past %s", ANSWER_WITHIN).allSatisfy(answer ->
                assertThat(answer.millis()).as(answer.toString()).isLessThanOrEqualTo(ANSWER_WITHIN.toMillis()));
        List<Answer> unavailable = answers.stream().filter(answer -> answer.status() == 503).toList();
        assertThat(unavailable).as("the outage was seen by writers and readers")
                .anyMatch(answer -> answer.request().startsWith("POST"))
                .anyMatch(answer -> answer.request().startsWith("GET"));
        assertThat(unavailable).allSatisfy(answer -> {
            assertThat(answer.retryAfter()).as(answer.toString()).isNotNull();
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        });

        // every acknowledged write reaches query-side, whose pass went on by itself once the database was back
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Map.Entry<String, Long> written : acknowledged.entrySet()) {
                HttpResponse<String> profile = send(querySide, "GET", "/api/profiles/" + written.getKey()
                        + "?minVersion=" + written.getValue(), "manager", null);
                assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
                assertThat(JSON.readTree(profile.body()).path("version").asLong()).isGreaterThanOrEqualTo(written.getValue());
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        apps.forEach(AppProcess::stop);
        if (postgres != null) {
            postgres.close();
        }
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "100")
                .start();
    }

    private static Answer register(AppProcess app, UUID customerId) {
        Answer answer = call(app, "POST", "/api/customers", "sales", """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION",
                 "grade": "B", "ownerId": "sales", "card": {"basic": {"name": "Outage %s"}}}""".formatted(customerId, customerId));
        return new Answer(customerId.toString(), answer.status(), answer.millis(), answer.retryAfter(),
                answer.contentType());
    }

    private static Answer visit(AppProcess app, String customer) {
        return call(app, "POST", "/api/customers/" + customer + "/visits", "sales", "{\"method\": \"PHONE\"}");
    }

    private static long version(Answer answer) {
        return Long.parseLong(answer.request().substring(answer.request().lastIndexOf(' ') + 1));
    }

    /** The answer; a 201's request ends with the version it acknowledged. */
    private static Answer call(AppProcess app, String method, String path, String user, String body) {
        long started = System.nanoTime();
        String request = method + " " + path;
        try {
            HttpResponse<String> response = send(app, method, path, user, body);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (response.statusCode() == 201) {
                request += " " + JSON.readTree(response.body()).path("version").asLong();
            }
            return new Answer(request, response.statusCode(), millis,
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (HttpTimeoutException hung) {
            return new Answer(request, -1, (System.nanoTime() - started) / 1_000_000, null, "");
        } catch (IOException e) {
            throw new IllegalStateException(request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(AppProcess app, String method, String path, String user, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client that is refused waits as told (Retry-After), capped so the test sees the recovery soon. */
    private static void pause(Answer answer) {
        try {
            Thread.sleep(answer.status() == 503 ? 250 : 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
