package com.customerarchive.query.audit;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.ClearText;
import com.customerarchive.query.support.Views;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outdated personal data destroyed field by field: an admin destroys a customer's e-mail with a reason; every value
 * the field ever had reads "[erased]" in every view and in the store (its key is gone), the other fields stay, the
 * chain still verifies, an event records who, when, which field and why, a value written afterwards reads again, and
 * a rebuild of the read models comes to the same.
 */
class PersonalFieldDestructionTest extends BothAppsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_destroyed_field_reads_erased_everywhere_while_the_rest_and_the_proof_stay() {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String token = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var created = commands.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-field",
                 "card": {"basic": {"name": "Name %1$s", "email": "first.%1$s@example.com", "phones": ["+86 571 5555 0101"],
                                    "address": {"city": "Ningbo", "street": "%1$s Road"}}}}""".formatted(token));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("customerId").asString();
        String path = "/api/customers/" + id;
        assertThat(commands.patch(path + "/card", "sales", """
                {"basic": {"email": "second.%s@example.com"}}""".formatted(token)).status()).isEqualTo(200);
        assertThat(commands.post(path + "/visits", "sales", "{\"method\": \"PHONE\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=3",
                "manager").status() == 200);
        assertThat(queries.get("/api/profiles/" + id + "/as-of?version=1", "auditor").json().at("/card/basic/email")
                .asString()).isEqualTo("first." + token + "@example.com");
        // the read models keep the e-mails in clear, so the search after the destruction would find one left behind
        assertThat(ClearText.rowsHolding(jdbc, "first." + token)).as("tables holding the first e-mail in clear")
                .containsKeys("read_model.history_event", "read_model.field_change", "read_model.feed_event");
        assertThat(ClearText.rowsHolding(jdbc, "second." + token)).as("tables holding the second e-mail in clear")
                .containsKeys("read_model.profile", "read_model.history_event", "read_model.field_change",
                        "read_model.feed_event");

        // refusals destroy nothing
        assertThat(commands.call("DELETE", path + "/personal-data/basic.email", "sales",
                "{\"reason\": \"outdated\"}", null).status()).isEqualTo(403);
        var notPersonal = commands.call("DELETE", path + "/personal-data/business.industry", "admin",
                "{\"reason\": \"outdated\"}", null);
        assertThat(notPersonal.status()).isEqualTo(400);
        assertThat(notPersonal.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notPersonal.raw().body()).contains("basic.email");
        assertThat(fieldKeys(id)).contains("basic.email", "basic.name");

        var destroyed = commands.call("DELETE", path + "/personal-data/basic.email", "admin",
                "{\"reason\": \"outdated address book entry\"}", null);
        assertThat(destroyed.status()).as(destroyed.raw().body()).isEqualTo(200);
        assertThat(destroyed.json().get("version").asLong()).isEqualTo(4);
        assertThat(fieldKeys(id)).doesNotContain("basic.email").contains("basic.name", "basic.address", "basic.phones");

        JsonNode profile = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id
                + "?minVersion=4", "auditor"), answer -> answer.status() == 200).json();
        assertThat(profile.at("/card/basic/email").asString()).isEqualTo("[erased]");
        assertThat(profile.at("/card/basic/name").asString()).isEqualTo("Name " + token);
        assertThat(profile.at("/card/basic/address/street").asString()).isEqualTo(token + " Road");
        assertNoOldEmail(queries, id, token, 4);
        assertThat(queries.get("/api/profiles/" + id + "/as-of?version=1", "auditor").json().at("/card/basic/email")
                .asString()).isEqualTo("[erased]");
        assertThat(queries.get("/api/profiles/" + id + "/as-of?version=1", "auditor").json().at("/card/basic/name")
                .asString()).isEqualTo("Name " + token);

        // the proof stays, and the destruction is on the record
        JsonNode verdict = queries.get("/api/profiles/" + id + "/verify", "auditor").json();
        assertThat(verdict.get("valid").asBoolean()).isTrue();
        assertThat(verdict.get("events").asInt()).isEqualTo(4);
        JsonNode last = queries.get("/api/profiles/" + id + "/history", "auditor").json().at("/events/3");
        assertThat(last.get("type").asString()).isEqualTo("PersonalDataFieldDestroyed");
        assertThat(last.get("actor").asString()).isEqualTo("admin");
        assertThat(last.at("/data/field").asString()).isEqualTo("basic.email");
        assertThat(last.at("/data/reason").asString()).isEqualTo("outdated address book entry");
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/events?customerId=" + id, "integrator")
                .json().get("events").size() == 4);

        // a new value gets a new key and reads; the old ones stay erased
        assertThat(commands.patch(path + "/card", "sales", """
                {"basic": {"email": "third.%s@example.com"}}""".formatted(token)).status()).isEqualTo(200);
        JsonNode renewed = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id
                + "?minVersion=5", "auditor"), answer -> answer.status() == 200).json();
        assertThat(renewed.at("/card/basic/email").asString()).isEqualTo("third." + token + "@example.com");
        assertThat(queries.get("/api/profiles/" + id + "/as-of?version=5", "auditor").json().at("/card/basic/email")
                .asString()).isEqualTo("third." + token + "@example.com");
        assertNoOldEmail(queries, id, token, 5);

        // a rebuild from the events comes to the same
        assertThat(queries.post("/api/admin/projections/all/replay", "admin").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode status = queries.get("/api/admin/projections/history", "admin").json();
            JsonNode profiles = queries.get("/api/admin/projections/profiles", "admin").json();
            return !status.get("replaying").asBoolean() && !profiles.get("replaying").asBoolean();
        });
        assertThat(queries.get("/api/profiles/" + id, "auditor").json().at("/card/basic/email").asString())
                .isEqualTo("third." + token + "@example.com");
        assertNoOldEmail(queries, id, token, 5);
    }

    /** Neither earlier e-mail is in any table or any answer; the name is still there. */
    private void assertNoOldEmail(Api queries, String id, String token, long version) {
        assertThat(ClearText.rowsHolding(jdbc, "first." + token, "second." + token))
                .as("tables holding an earlier e-mail in clear").isEmpty();
        Map<String, Long> otherPersonalValues = ClearText.rowsHolding(jdbc, token);
        assertThat(otherPersonalValues).as("tables holding the name and street, not destroyed, in clear")
                .containsKeys("read_model.profile", "read_model.history_event", "read_model.feed_event");
        assertThat(otherPersonalValues.keySet()).as("nothing personal in clear in the store")
                .noneMatch(table -> table.startsWith("event_store."));
        String profile = Views.read(queries, "/api/profiles/" + id + "?minVersion=" + version, "auditor");
        assertThat(profile).contains(id).contains("Name " + token)
                .doesNotContain("first." + token).doesNotContain("second." + token);
        // where the old e-mails stood, "[erased]" stands; the field-change timeline's rows do not name the customer
        List<String> views = List.of(
                Views.read(queries, "/api/profiles/" + id + "/history?minVersion=" + version, "auditor"),
                Views.read(queries, "/api/profiles/" + id + "/as-of?version=1", "auditor"),
                Views.read(queries, "/api/profiles/" + id + "/as-of?version=2", "auditor"),
                Views.read(queries, "/api/profiles/" + id + "/as-of?version=3", "auditor"));
        for (String view : views) {
            assertThat(view).contains(id);
        }
        String changes = Views.read(queries, "/api/profiles/" + id + "/changes?minVersion=" + version, "auditor");
        for (String view : Stream.concat(views.stream(), Stream.of(changes)).toList()) {
            assertThat(view).contains("[erased]").doesNotContain("first." + token).doesNotContain("second." + token);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Views.read(queries,
                "/api/events?customerId=" + id, "integrator")).doesNotContain("first." + token)
                .doesNotContain("second." + token)
                .contains("Name " + token));
    }

    private List<String> fieldKeys(String customerId) {
        return jdbc.sql("SELECT field FROM event_store.customer_field_key WHERE customer_id = :id")
                .param("id", customerId).query(String.class).list();
    }
}
