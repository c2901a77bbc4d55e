package com.customerarchive.query.upcasting;

import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.StoredEvents;
import com.customerarchive.testsupport.Api;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consent stored in revision 1 by the code before (one {@code purpose}; the fixture is such a payload as it was
 * stored) is read in revision 2 ({@code purposes}) by query-side's readers: the live pass and a rebuild (the feed and the
 * history show the purposes), and as-of (the events it folds), while the stored bytes, and so the hash chain, stay as
 * they were. Read without the upcast the same bytes are a consent to no purpose at all ({@code purposes: []}), so these
 * readers are asked for the purposes. The profile keeps only whether consent is granted, which reads the same either
 * way: its checks show the event reached the fold, not the upcast. Command-side's own upcast, which sources the
 * aggregate, is held by command-side's {@code RevisionOneEventTest}; here the aggregate is shown to take the next change
 * after the event.
 */
class OldRevisionTest extends BothAppsTest {

    private static final String CONSENT = "com.customerarchive.events.ConsentRecordedEvent";
    private static final String NEWSLETTER_ONLY = "[\"newsletter\"]";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** The store as as-of reads it (Axon's, through its upcaster chain). */
    @Autowired
    EventStore eventStore;

    @Test
    void a_revision_one_consent_reads_as_revision_two_everywhere_and_the_chain_still_holds() throws Exception {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-old", "card": {"basic": {"name": "Old Revision"}}}""");
        String id = created.json().get("customerId").asString();
        JsonNode registered = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id,
                "auditor"), answer -> answer.status() == 200).json();
        assertThat(registered.path("consentGranted").asBoolean()).as("no consent recorded yet").isFalse();
        storeRevisionOneConsent(id);
        // every reader's answer is collected, so that a reader without the upcast shows itself whichever it is
        SoftAssertions softly = new SoftAssertions();

        JsonNode profile = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id
                + "?minVersion=2", "auditor"), answer -> answer.status() == 200).json();
        softly.assertThat(profile.path("consentGranted").asBoolean())
                .as("live profile: the consent reached the fold").isTrue();
        softly.assertThat(queries.get("/api/profiles/" + id + "/verify", "auditor").json().get("valid").asBoolean())
                .as("the chain over the stored bytes").isTrue();
        JsonNode feed = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/events?customerId=" + id,
                "integrator").json(), json -> json.get("events").size() == 2);
        JsonNode consent = feed.at("/events/1/data");
        softly.assertThat(consent.path("purposes").toString()).as("feed, live pass").isEqualTo(NEWSLETTER_ONLY);
        softly.assertThat(consent.has("purpose")).as("feed: no revision-1 field").isFalse();
        softly.assertThat(consentInHistory(queries, id).path("purposes").toString()).as("history, live pass")
                .isEqualTo(NEWSLETTER_ONLY);

        softly.assertThat(queries.get("/api/profiles/" + id + "/as-of?version=2", "auditor").json()
                .path("consentGranted").asBoolean()).as("as-of profile: the consent reached the fold").isTrue();
        List<Object> asOfReads = eventStore.readEvents(id).asStream().map(Message::getPayload).map(Object.class::cast)
                .toList();
        softly.assertThat(asOfReads).as("the events as-of folds")
                .contains(new ConsentRecordedEvent(CustomerId.of(id), true, List.of("newsletter")));

        // the aggregate, sourced with the revision-1 event in its stream, takes the next change
        Api.Response visit = commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}");
        softly.assertThat(visit.status()).as("aggregate: " + visit.raw().body()).isEqualTo(201);
        softly.assertThat(visit.json().path("version").asLong()).as("aggregate: the version after").isEqualTo(3);

        // and a rebuild reads it the same way
        for (String model : List.of("profiles", "history")) {
            assertThat(queries.post("/api/admin/projections/" + model + "/replay", "admin").status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String model : List.of("profiles", "history")) {
                JsonNode status = queries.get("/api/admin/projections/" + model, "admin").json();
                if (status.get("replaying").asBoolean() || status.get("lag").asLong() > 0) {
                    return false;
                }
            }
            return true;
        });
        JsonNode rebuilt = queries.get("/api/profiles/" + id + "?minVersion=3", "auditor").json();
        softly.assertThat(rebuilt.path("consentGranted").asBoolean())
                .as("rebuilt profile: the consent reached the fold").isTrue();
        softly.assertThat(rebuilt.path("version").asLong()).as("rebuilt profile: version").isEqualTo(3);
        softly.assertThat(consentInHistory(queries, id).path("purposes").toString()).as("history, rebuilt")
                .isEqualTo(NEWSLETTER_ONLY);
        softly.assertAll();
    }

    /** The consent's data in the customer's history, its second event. */
    private static JsonNode consentInHistory(Api queries, String id) {
        JsonNode event = queries.get("/api/profiles/" + id + "/history", "auditor").json().at("/events/1");
        assertThat(event.path("type").asString()).isEqualTo("ConsentRecorded");
        return event.path("data");
    }

    /** Appends the fixture as the customer's second event, chained as the code before would have stored it. */
    private void storeRevisionOneConsent(String customerId) throws Exception {
        String payload = StoredEvents.fixture("consent-recorded-revision-1.json", customerId);
        assertThat(StoredEvents.append(jdbc, customerId, CONSENT, "1", payload)).isEqualTo(1);
    }
}
