package com.customerarchive.query.profile;

import com.customerarchive.testsupport.Api;
import com.customerarchive.query.support.BothAppsTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking skeleton end to end: a write on command-side becomes a profile on query-side. */
class RegisterAndReadProfileTest extends BothAppsTest {

    @LocalServerPort
    int port;

    Api commands;
    Api queries;

    @BeforeEach
    void setUp() {
        commands = new Api(COMMAND_SIDE.baseUrl());
        queries = new Api("http://localhost:" + port);
    }

    static String registration(String name) {
        return """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE",
                 "grade": "D", "ownerId": "rep-9",
                 "card": {"basic": {"name": "%s", "phones": ["+86 571 8888 0000"],
                                    "address": {"province": "Jiangsu", "city": "Suzhou"}}}}""".formatted(name);
    }

    @Test
    void a_registered_customer_can_be_read_back_from_query_side() {
        var created = commands.post("/api/customers", "sales", registration("Zhou Min"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("customerId").asString();
        assertThat(created.header("Location")).isEqualTo("/api/profiles/" + id);

        var profile = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get(created.header("Location"), "manager"), response -> response.status() == 200)
                .json();

        assertThat(profile.get("customerId").asString()).isEqualTo(id);
        assertThat(profile.get("version").asLong()).isEqualTo(1);
        assertThat(profile.get("grade").asString()).isEqualTo("D");
        assertThat(profile.get("ownerId").asString()).isEqualTo("rep-9");
        assertThat(profile.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(profile.at("/card/basic/name").asString()).isEqualTo("Zhou Min");
        assertThat(profile.at("/card/basic/address/city").asString()).isEqualTo("Suzhou");
        assertThat(profile.get("visitCount").asInt()).isZero();
        assertThat(profile.get("openComplaints").asInt()).isZero();
    }

    /**
     * Read-your-writes with several writers at once: four writers on two customers, each reading its own write with
     * {@code minVersion} right after the acknowledgement, while the others' writes commit around it.
     */
    @Test
    void min_version_gives_each_of_several_concurrent_writers_its_own_write() throws Exception {
        String[] customers = new String[2];
        for (int c = 0; c < customers.length; c++) {
            var created = commands.post("/api/customers", "sales", registration("Concurrent " + c));
            assertThat(created.status()).isEqualTo(201);
            customers[c] = created.json().get("customerId").asString();
        }
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String id = customers[w % 2];
                int writer = w;
                done.add(writers.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 12; i++) {
                        String notes = "writer " + writer + " visit " + i;
                        var visit = commands.post("/api/customers/" + id + "/visits", "sales",
                                "{\"method\": \"PHONE\", \"notes\": \"" + notes + "\"}");
                        assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
                        long version = visit.json().get("version").asLong();
                        var history = queries.get("/api/profiles/" + id + "/history?minVersion=" + version
                                + "&size=1000", "auditor");
                        assertThat(history.status()).as("answered within minVersion's wait").isEqualTo(200);
                        var mine = java.util.stream.StreamSupport.stream(history.json().get("events").spliterator(), false)
                                .filter(event -> event.get("sequence").asLong() == version).findFirst();
                        assertThat(mine).as("version " + version + " in the history").isPresent();
                        assertThat(mine.get().toString()).contains(notes);
                        var profile = queries.get("/api/profiles/" + id + "?minVersion=" + version, "manager");
                        assertThat(profile.status()).isEqualTo(200);
                        assertThat(profile.json().get("version").asLong()).isGreaterThanOrEqualTo(version);
                        assertThat(profile.json().get("visitCount").asLong()).isGreaterThanOrEqualTo(version - 1);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (var writer : done) {
                assertThat(writer.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(12);
            }
        } finally {
            writers.shutdownNow();
        }
        for (String id : customers) {
            var profile = queries.get("/api/profiles/" + id + "?minVersion=25", "manager").json();
            assertThat(profile.get("version").asLong()).isEqualTo(25);
            assertThat(profile.get("visitCount").asLong()).isEqualTo(24);
        }
    }

    @Test
    void an_invalid_registration_is_a_400_problem_and_no_profile_appears() {
        UUID id = UUID.randomUUID();
        String body = registration("").replace("{\"kind\"", "{\"customerId\": \"" + id + "\", \"kind\"");

        var refused = commands.post("/api/customers", "sales", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("card.basic.name");
        var valid = commands.post("/api/customers", "sales", registration("Control Customer"));
        String controlId = valid.json().get("customerId").asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> queries.get("/api/profiles/" + controlId, "manager").status() == 200);
        assertThat(queries.get("/api/profiles/" + id, "manager").status()).isEqualTo(404);
    }

    @Test
    void reading_profiles_needs_credentials_and_a_role_that_may_read_them() {
        String path = "/api/profiles/" + UUID.randomUUID();

        var anonymous = queries.get(path, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(queries.get(path, "integrator").status()).isEqualTo(403);
        assertThat(queries.get(path, "auditor").status()).isEqualTo(404);
    }

    @Test
    void an_unknown_customer_is_a_404_problem_and_a_malformed_id_a_400() {
        var unknown = queries.get("/api/profiles/" + UUID.randomUUID(), "manager");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("title").asString()).isEqualTo("Customer not found");

        var malformed = queries.get("/api/profiles/not-a-uuid", "manager");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").findValuesAsString("field")).containsExactly("customerId");
    }

    @Test
    void health_metrics_of_the_one_pass_and_openapi_answer() {
        assertThat(queries.get("/actuator/health", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String metrics = queries.get("/actuator/prometheus", null).raw().body();
            return metrics.contains("archive_projection_position{") && metrics.contains("projection=\"profiles\"")
                    && metrics.matches("(?s).*archive_pass_events_total\\{[^}]*} [1-9].*")
                    && metrics.contains("archive_pass_batch_seconds_count");
        });
        var docs = queries.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths/~1api~1profiles~1{customerId}/get").isMissingNode()).isFalse();
    }
}
