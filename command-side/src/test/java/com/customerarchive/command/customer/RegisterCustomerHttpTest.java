package com.customerarchive.command.customer;

import com.customerarchive.testsupport.Api;
import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.Grade;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RegisterCustomerHttpTest extends PostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api("http://localhost:" + port);
    }

    static String registration(UUID customerId, String name) {
        return """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY",
                 "source": "REFERRAL", "grade": "B", "ownerId": "sales",
                 "card": {"basic": {"name": "%s", "email": "office@example.com",
                                    "address": {"province": "Zhejiang", "city": "Hangzhou"}}},
                 "occurredAt": "2026-01-15T09:30:00Z"}""".formatted(customerId, name);
    }

    @Test
    void a_sales_rep_registers_a_customer_and_gets_its_id_version_and_location() {
        UUID id = UUID.randomUUID();

        var response = api.post("/api/customers", "sales", registration(id, "West Lake Tea Co."));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/profiles/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json().get("customerId").asString()).isEqualTo(id.toString());
        assertThat(response.json().get("version").asLong()).isEqualTo(1);

        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(id.toString()).asStream().toList();
        assertThat(stream).hasSize(1);
        var event = (CustomerRegisteredEvent) stream.get(0).getPayload();
        assertThat(event.customerId().value()).isEqualTo(id);
        assertThat(event.grade()).isEqualTo(Grade.B);
        assertThat(event.card().basic().address().city()).isEqualTo("Hangzhou");
    }

    @Test
    void every_event_records_who_acted_in_which_request_and_when_it_happened_in_the_business() {
        UUID id = UUID.randomUUID();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers"))
                .POST(HttpRequest.BodyPublishers.ofString(registration(id, "Lishui Ceramics")))
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "import-batch-42");

        var response = api.send(request, "manager");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Correlation-Id")).isEqualTo("import-batch-42");
        var stored = eventStore.readEvents(id.toString()).asStream().toList().get(0);
        assertThat(stored.getMetaData()).containsEntry("actor", "manager")
                .containsEntry("correlationId", "import-batch-42")
                .containsEntry("occurredAt", "2026-01-15T09:30:00Z");
    }

    @Test
    void an_invalid_registration_is_a_problem_naming_each_bad_field_and_writes_nothing() {
        UUID id = UUID.randomUUID();
        String body = """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "REFERRAL",
                 "ownerId": "sales", "card": {"basic": {"name": "%s", "email": "not-an-email"}}}"""
                .formatted(id, "x".repeat(10_000));

        var response = api.post("/api/customers", "sales", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        var problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("card.basic.email", "card.basic.name", "grade");
        assertThat(eventsOf(id)).isZero();
    }

    @Test
    void a_body_that_is_not_json_of_the_expected_shape_is_a_400_problem() {
        var response = api.post("/api/customers", "sales", "{\"kind\": \"PLANET\"");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors")).isNotEmpty();
    }

    @Test
    void a_date_in_the_year_99999_is_refused() {
        UUID id = UUID.randomUUID();
        String body = registration(id, "Far Future Ltd").replace("2026-01-15T09:30:00Z", "+99999-01-01T00:00:00Z");

        var response = api.post("/api/customers", "sales", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).contains("occurredAt");
        assertThat(eventsOf(id)).isZero();
    }

    @Test
    void without_credentials_the_answer_is_401_and_nothing_is_written() {
        UUID id = UUID.randomUUID();

        var response = api.post("/api/customers", null, registration(id, "Anonymous Ltd"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventsOf(id)).isZero();
    }

    @Test
    void wrong_password_is_401() {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers"))
                .POST(HttpRequest.BodyPublishers.ofString(registration(UUID.randomUUID(), "Nobody")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic c2FsZXM6d3Jvbmc=");

        assertThat(api.send(request, null).status()).isEqualTo(401);
    }

    @Test
    void auditors_and_integrators_may_not_write() {
        for (String user : new String[]{"auditor", "integrator"}) {
            UUID id = UUID.randomUUID();

            var response = api.post("/api/customers", user, registration(id, "Read Only Ltd"));

            assertThat(response.status()).as(user).isEqualTo(403);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(eventsOf(id)).isZero();
        }
    }

    @Test
    void the_same_customer_id_cannot_start_two_streams() {
        UUID id = UUID.randomUUID();
        assertThat(api.post("/api/customers", "sales", registration(id, "First")).status()).isEqualTo(201);

        var second = api.post("/api/customers", "sales", registration(id, "Second"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(eventsOf(id)).isEqualTo(1);
    }

    @Test
    void a_request_the_firewall_rejects_still_gets_a_problem_response() {
        var response = api.post("/api/customers;jsessionid=1", "sales", registration(UUID.randomUUID(), "Odd Path"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }

    @Test
    void health_metrics_and_openapi_answer_without_credentials() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("command_bus_all_timer_seconds_count{");
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths/~1api~1customers/post")).isNotNull();
        assertThat(docs.json().at("/paths/~1api~1customers/post").isMissingNode()).isFalse();
    }

    private long eventsOf(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId.toString()).query(Long.class).single();
    }
}
