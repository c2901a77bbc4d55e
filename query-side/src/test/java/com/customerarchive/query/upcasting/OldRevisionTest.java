package com.customerarchive.query.upcasting;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.StoredEvents;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consent stored in revision 1 by the code before (one {@code purpose}; the fixture is such a payload as it was
 * stored) is read in revision 2 ({@code purposes}) by every reader: the live pass, a rebuild, as-of, the feed and the
 * aggregate, while the stored bytes, and so the hash chain, stay as they were.
 */
class OldRevisionTest extends BothAppsTest {

    private static final String CONSENT = "com.customerarchive.events.ConsentRecordedEvent";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_revision_one_consent_reads_as_revision_two_everywhere_and_the_chain_still_holds() throws Exception {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-old", "card": {"basic": {"name": "Old Revision"}}}""");
        String id = created.json().get("customerId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id, "manager").status() == 200);
        storeRevisionOneConsent(id);

        JsonNode profile = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id
                + "?minVersion=2", "auditor"), answer -> answer.status() == 200).json();
        assertThat(profile.get("consentGranted").asBoolean()).isFalse();
        assertThat(queries.get("/api/profiles/" + id + "/verify", "auditor").json().get("valid").asBoolean()).isTrue();
        assertThat(queries.get("/api/profiles/" + id + "/as-of?version=2", "auditor").json().get("consentGranted")
                .asBoolean()).isFalse();
        JsonNode feed = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/events?customerId=" + id,
                "integrator").json(), json -> json.get("events").size() == 2);
        JsonNode consent = feed.at("/events/1/data");
        assertThat(consent.get("purposes").get(0).asString()).isEqualTo("newsletter");
        assertThat(consent.has("purpose")).isFalse();
        String history = queries.get("/api/profiles/" + id + "/history", "auditor").raw().body();
        assertThat(history).contains("\"purposes\":[\"newsletter\"]");

        // the aggregate, sourced through Axon's upcaster, takes the next change
        Api.Response visit = commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}");
        assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
        assertThat(visit.json().get("version").asLong()).isEqualTo(3);

        // and a rebuild reads it the same way
        assertThat(queries.post("/api/admin/projections/profiles/replay", "admin").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode status = queries.get("/api/admin/projections/profiles", "admin").json();
            return !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0;
        });
        JsonNode rebuilt = queries.get("/api/profiles/" + id + "?minVersion=3", "auditor").json();
        assertThat(rebuilt.get("consentGranted").asBoolean()).isFalse();
        assertThat(rebuilt.get("version").asLong()).isEqualTo(3);
    }

    /** Appends the fixture as the customer's second event, chained as the code before would have stored it. */
    private void storeRevisionOneConsent(String customerId) throws Exception {
        String payload = Files.readString(Path.of("src", "test", "resources", "fixtures", "consent-recorded-revision-1.json"))
                .strip().formatted(customerId);
        assertThat(StoredEvents.append(jdbc, customerId, CONSENT, "1", payload)).isEqualTo(1);
    }
}
