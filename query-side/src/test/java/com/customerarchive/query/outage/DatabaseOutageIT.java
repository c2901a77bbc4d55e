package com.customerarchive.query.outage;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Visits;
import com.customerarchive.testsupport.Api;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped for six seconds under four writers and two readers, then started again: every request answers
 * 200/201 or 503 with Retry-After within three seconds, never 500 and never a hang; every client is served again
 * without a restart of either app (a client that dies fails the test), and every acknowledged visit is read back.
 */
class DatabaseOutageIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    private EmbeddedPostgres postgres;
    private final List<AppProcess> apps = new ArrayList<>();

    /** One answer; {@code body} only for a 201, which names the visit and version acknowledged. */
    record Answer(String request, int status, long millis, String retryAfter, String contentType, String body) {

        boolean success() {
            return status == 200 || status == 201;
        }
    }

    /** A visit command-side acknowledged: its number and the customer's version after it. */
    record Acknowledged(String customer, int visitNo, long version) {
    }

    /** One client's answers in order and, for a writer, the visits acknowledged. */
    record Client(List<Answer> answers, List<Acknowledged> acknowledged) {

        Client() {
            this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }

        /** @return how many answers it had for the customer that were not 201: each might still have been stored */
        long unacknowledged(String customer) {
            return answers.stream().filter(answer -> answer.request().contains(customer) && answer.status() != 201)
                    .count();
        }

        long successesFrom(int index) {
            return answers.stream().skip(index).filter(Answer::success).count();
        }
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
            UUID customerId = UUID.randomUUID();
            Answer registered = register(commandSide, customerId);
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            customers.add(customerId.toString());
        }
        // the readers start once query-side shows every customer (before that a read is rightly 404)
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.stream().allMatch(customer ->
                call(querySide, "GET", "/api/profiles/" + customer, "manager", null).status() == 200));
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Client> writers = new ArrayList<>();
        List<Client> readers = new ArrayList<>();
        List<Future<?>> clientRuns = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            List<String> own = customers.subList(writer * 2, writer * 2 + 2);
            Client client = new Client();
            writers.add(client);
            clientRuns.add(threads.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String customer = own.get(n % 2);
                    Answer answer = call(commandSide, "POST", "/api/customers/" + customer + "/visits", "sales",
                            "{\"method\": \"PHONE\"}");
                    client.answers().add(answer);
                    if (answer.status() == 201) {
                        JsonNode visit = JSON.readTree(answer.body());
                        client.acknowledged().add(new Acknowledged(customer, visit.get("visitNo").asInt(),
                                visit.get("version").asLong()));
                    }
                    pause(answer);
                }
            }));
        }
        for (int reader = 0; reader < 2; reader++) {
            int first = reader;
            Client client = new Client();
            readers.add(client);
            clientRuns.add(threads.submit(() -> {
                for (int n = first; running.get(); n += 2) {
                    Answer answer = call(querySide, "GET", "/api/profiles/" + customers.get(n % customers.size()),
                            "manager", null);
                    client.answers().add(answer);
                    pause(answer);
                }
            }));
        }
        List<Client> clients = new ArrayList<>(writers);
        clients.addAll(readers);

        Thread.sleep(2_000);
        postgres.close();
        Thread.sleep(6_000);
        postgres = start(port);
        List<Integer> before = clients.stream().map(client -> client.answers().size()).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Future<?> client : clientRuns) {
                if (client.isDone()) {
                    client.get(); // a client that died fails the test here, with what killed it
                    throw new AssertionError("a client stopped before it was told to");
                }
            }
            return IntStream.range(0, clients.size()).allMatch(c -> clients.get(c).successesFrom(before.get(c)) >= 2);
        });
        running.set(false);
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> client : clientRuns) {
            client.get();
        }

        List<Answer> answers = clients.stream().flatMap(client -> client.answers().stream()).toList();
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

        // every acknowledged visit reaches query-side, whose pass went on by itself once the database was back
        Api queries = new Api(querySide.baseUrl());
        for (String customer : customers) {
            List<Acknowledged> acknowledged = writers.stream().flatMap(writer -> writer.acknowledged().stream())
                    .filter(visit -> visit.customer().equals(customer)).toList();
            long unacknowledged = writers.stream().mapToLong(writer -> writer.unacknowledged(customer)).sum();
            List<Integer> numbers = acknowledged.stream().map(Acknowledged::visitNo).toList();
            long version = acknowledged.stream().mapToLong(Acknowledged::version).max().orElse(1);
            assertThat(numbers).as("visits acknowledged for %s", customer).isNotEmpty().doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(60)).until(() -> send(querySide, "GET", "/api/profiles/" + customer
                    + "?minVersion=" + version, "manager", null).statusCode() == 200);
            List<Integer> listed = Visits.listed(queries, customer);
            assertThat(listed).as("the visits of %s, numbered 1..n", customer)
                    .isEqualTo(IntStream.rangeClosed(1, listed.size()).boxed().toList());
            assertThat(listed).as("every acknowledged visit of %s is read back", customer).containsAll(numbers);
            assertThat(listed.size() - numbers.size()).as("a visit stored unacknowledged only where a write was "
                    + "not answered 201 (%d)", unacknowledged).isBetween(0, (int) unacknowledged);
        }
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
        return call(app, "POST", "/api/customers", "sales", """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION",
                 "grade": "B", "ownerId": "sales", "card": {"basic": {"name": "Outage %s"}}}""".formatted(customerId, customerId));
    }

    /** The answer, timed; a request that is not answered within ten seconds is status -1. */
    private static Answer call(AppProcess app, String method, String path, String user, String body) {
        long started = System.nanoTime();
        String request = method + " " + path;
        try {
            HttpResponse<String> response = send(app, method, path, user, body);
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new Answer(request, response.statusCode(), millis,
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.statusCode() == 201 ? response.body() : null);
        } catch (HttpTimeoutException hung) {
            return new Answer(request, -1, (System.nanoTime() - started) / 1_000_000, null, "", null);
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
