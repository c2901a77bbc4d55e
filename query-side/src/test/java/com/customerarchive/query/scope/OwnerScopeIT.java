package com.customerarchive.query.scope;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both apps with the default access rule (API.md): a SALES user reads and writes only the customers it owns; every
 * customer read and write tried as the rep on its own customer and on another rep's.
 */
class OwnerScopeIT {

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;

    @BeforeAll
    static void start() {
        commandSide = AppProcess.startOwnerScoped("command-side");
        querySide = AppProcess.startOwnerScoped("query-side");
        commands = new Api(commandSide.baseUrl());
        queries = new Api(querySide.baseUrl());
    }

    @AfterAll
    static void stop() {
        querySide.stop();
        commandSide.stop();
    }

    private static String registration(String owner, String name) {
        return """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "C",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"}}}""".formatted(owner, name);
    }

    @Test
    void a_sales_rep_reads_and_writes_its_own_customers_and_is_refused_another_reps() {
        Api.Response ownRegistered = commands.post("/api/customers", "sales", registration("sales", "Own Customer"));
        assertThat(ownRegistered.status()).isEqualTo(201);
        String own = ownRegistered.json().get("customerId").asString();
        assertForbidden(commands.post("/api/customers", "sales", registration("rep-other", "Not for me")));
        Api.Response otherRegistered = commands.post("/api/customers", "manager", registration("rep-other", "Other's"));
        assertThat(otherRegistered.status()).isEqualTo(201);
        String other = otherRegistered.json().get("customerId").asString();

        assertThat(commands.post("/api/customers/" + own + "/visits", "sales", "{\"method\": \"PHONE\"}").status())
                .isEqualTo(201);
        assertForbidden(commands.post("/api/customers/" + other + "/visits", "sales", "{\"method\": \"PHONE\"}"));
        assertForbidden(commands.put("/api/customers/" + other + "/grade", "sales", "{\"grade\": \"A\", \"reason\": \"x\"}"));
        assertForbidden(commands.patch("/api/customers/" + other + "/card", "sales", "{\"basic\": {\"occupation\": \"x\"}}"));
        assertForbidden(commands.post("/api/customers/" + other + "/purchases", "sales",
                "{\"product\": \"x\", \"quantity\": 1, \"amount\": 1, \"orderRef\": \"O-1\"}"));
        assertThat(commands.post("/api/customers/" + other + "/visits", "manager", "{\"method\": \"PHONE\"}").status())
                .as("a manager writes every customer").isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                queries.get("/api/profiles/" + own + "?minVersion=2", "sales").status() == 200
                        && queries.get("/api/profiles/" + other + "?minVersion=2", "manager").status() == 200);
        for (String read : List.of("", "/history", "/changes", "/grades", "/visits", "/purchases", "/as-of?version=1",
                "/verify")) {
            assertThat(queries.get("/api/profiles/" + own + read, "sales").status()).as("own " + read).isEqualTo(200);
            assertForbidden(queries.get("/api/profiles/" + other + read, "sales"));
            assertThat(queries.get("/api/profiles/" + other + read, "manager").status()).as("manager " + read)
                    .isEqualTo(200);
        }

        JsonNode page = queries.get("/api/profiles?size=200", "sales").json();
        assertThat(page.get("items").valueStream().map(item -> item.get("ownerId").asString()).distinct().toList())
                .containsExactly("sales");
        assertForbidden(queries.get("/api/profiles?ownerId=rep-other", "sales"));
        assertThat(queries.get("/api/agenda", "sales").status()).isEqualTo(200);
        assertForbidden(queries.get("/api/agenda?ownerId=rep-other", "sales"));
        assertThat(queries.get("/api/agenda?ownerId=rep-other", "manager").status()).isEqualTo(200);
    }

    private static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.raw().uri().toString()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).endsWith("/not-your-customer");
    }
}
