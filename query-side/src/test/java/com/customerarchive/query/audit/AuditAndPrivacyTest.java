package com.customerarchive.query.audit;

import com.customerarchive.events.privacy.KeyWrapping;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.ClearText;
import com.customerarchive.query.support.Views;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditor's proof (hash chain), the customer's erasure (crypto-shredding), consent and the access trail. */
class AuditAndPrivacyTest extends BothAppsTest {

    /**
     * A known answer worked out apart from the app (openssl): the master key 00 01 .. 1f, the checkpoint key SHA-256
     * of "checkpoint|" and the master key, HMAC-SHA256 over
     * {"at":"2026-11-26T10:00:00Z","customers":2,"heads":{"…-000000000001":"a…a","…-000000000002":"b…b"}}.
     */
    private static final byte[] KNOWN_MASTER_KEY = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final String KNOWN_AT = "2026-11-26T10:00:00Z";
    private static final String FIRST = "00000000-0000-4000-8000-000000000001";
    private static final String SECOND = "00000000-0000-4000-8000-000000000002";
    private static final String KNOWN_SIGNATURE = "5363d13cca7e0f936276534606c62bbb24c29eb2736fcaf74fb1f1884cd292a4";
    /** The same with the second head "0" x 64. */
    private static final String KNOWN_SIGNATURE_OF_A_CHANGED_HEAD =
            "e2f8a8ff5b7e05e626d984d9c31f5aab2239a8b78c1e202efbe95ab38c438db4";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api commands;
    Api queries;

    @BeforeEach
    void setUp() {
        commands = new Api(COMMAND_SIDE.baseUrl());
        queries = new Api("http://localhost:" + port);
    }

    /** A customer whose every personal value carries {@code token}, with card edits, a visit and a consent. */
    private String customerWithHistory(String token) {
        var created = commands.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-audit",
                 "card": {"basic": {"name": "Name %1$s", "phones": ["+86 571 %2$s"], "email": "first.%1$s@example.com",
                                    "address": {"province": "Zhejiang", "city": "City%1$s", "street": "%1$s Road"}},
                          "contacts": [{"name": "Contact %1$s", "role": "DECISION_MAKER", "phone": "+86 21 %2$s"}]}}"""
                .formatted(token, digits(token)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("customerId").asString();
        String path = "/api/customers/" + id;
        assertThat(commands.patch(path + "/card", "sales", """
                {"basic": {"email": "second.%1$s@example.com", "address": {"street": "%1$s Avenue"}}}""".formatted(token))
                .status()).isEqualTo(200);
        assertThat(commands.post(path + "/visits", "sales", """
                {"method": "PHONE", "contact": {"name": "Visited %s", "role": "DECISION_MAKER"}, "notes": "price talk"}"""
                .formatted(token)).status()).isEqualTo(201);
        assertThat(commands.put(path + "/grade", "manager", "{\"grade\": \"B\", \"reason\": \"ordered twice\"}").status())
                .isEqualTo(200);
        return id;
    }

    private JsonNode awaitProfile(String id, long version) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get("/api/profiles/" + id + "?minVersion=" + version, "manager"),
                        response -> response.status() == 200).json();
    }

    /**
     * Tampering tests change the store under the projections: let every projection read the untampered events
     * first, or a lagging one would read the tampered ones, which the replay tests would later see differ.
     */
    private void awaitAllProjections() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode statuses = queries.get("/api/admin/projections", "admin").json();
            for (JsonNode status : statuses) {
                if (status.get("lag").asLong() != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    private JsonNode verify(String id) {
        var answer = queries.get("/api/profiles/" + id + "/verify", "auditor");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    /** Eight digits that stand for the token in phone numbers. */
    private static String digits(String token) {
        return String.format("%08d", Math.floorMod(token.hashCode(), 100_000_000));
    }

    private static String token() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void an_untouched_history_verifies_and_one_altered_or_removed_event_is_named() {
        String untouched = customerWithHistory(token());
        String altered = customerWithHistory(token());
        String removed = customerWithHistory(token());
        String reordered = customerWithHistory(token());
        awaitAllProjections();
        JsonNode good = verify(untouched);
        assertThat(good.get("valid").asBoolean()).isTrue();
        assertThat(good.get("events").asInt()).isEqualTo(4);
        assertThat(good.get("headHash").asString()).matches("[0-9a-f]{64}");

        // the same content with other key order and whitespace (jsonb's text form) is still the same event
        jdbc.sql("""
                        UPDATE event_store.domain_event_entry
                        SET payload = convert_to(CAST(CAST(convert_from(payload, 'UTF8') AS jsonb) AS text), 'UTF8')
                        WHERE aggregate_identifier = :id""").param("id", untouched).update();
        assertThat(verify(untouched).get("valid").asBoolean()).isTrue();

        int changed = jdbc.sql("""
                        UPDATE event_store.domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"to":"B"', '"to":"A"'), 'UTF8')
                        WHERE aggregate_identifier = :id AND sequence_number = 3""").param("id", altered).update();
        assertThat(changed).isEqualTo(1);
        JsonNode alteredVerdict = verify(altered);
        assertThat(alteredVerdict.get("valid").asBoolean()).isFalse();
        assertThat(alteredVerdict.get("sequence").asLong()).isEqualTo(4);
        // put it back: the store is shared with the tests that replay every projection
        jdbc.sql("""
                        UPDATE event_store.domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"to":"A"', '"to":"B"'), 'UTF8')
                        WHERE aggregate_identifier = :id AND sequence_number = 3""").param("id", altered).update();
        assertThat(verify(altered).get("valid").asBoolean()).isTrue();

        var row = jdbc.sql("SELECT * FROM event_store.domain_event_entry WHERE aggregate_identifier = :id "
                + "AND sequence_number = 1").param("id", removed).query().singleRow();
        jdbc.sql("DELETE FROM event_store.domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = 1")
                .param("id", removed).update();
        JsonNode removedVerdict = verify(removed);
        assertThat(removedVerdict.get("valid").asBoolean()).isFalse();
        assertThat(removedVerdict.get("sequence").asLong()).isEqualTo(2);
        assertThat(removedVerdict.get("problem").asString()).contains("missing");
        jdbc.sql("""
                        INSERT INTO event_store.domain_event_entry (global_index, event_identifier, aggregate_identifier,
                            sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type,
                            :time_stamp, :payload_type, :payload_revision, :payload, :meta_data)""").params(row).update();
        assertThat(verify(removed).get("valid").asBoolean()).isTrue();

        swapThirdAndFourth(reordered);
        JsonNode reorderedVerdict = verify(reordered);
        assertThat(reorderedVerdict.get("valid").asBoolean()).isFalse();
        assertThat(reorderedVerdict.get("sequence").asLong()).isEqualTo(3);
        swapThirdAndFourth(reordered);
        assertThat(verify(reordered).get("valid").asBoolean()).isTrue();
    }

    @Test
    void personal_data_is_stored_encrypted_and_after_erasure_is_readable_nowhere_while_the_rest_stays() {
        String token = token();
        String id = customerWithHistory(token);
        // more events than command-side's snapshot threshold (100): the customer has a snapshot holding its card
        int visits = 0;
        while (snapshots(id) == 0 && visits < 150) {
            assertThat(commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}").status())
                    .isEqualTo(201);
            visits++;
        }
        assertThat(snapshots(id)).as("the customer's snapshot before its erasure").isEqualTo(1);
        long events = 4 + visits;
        JsonNode before = awaitProfile(id, events);
        assertThat(before.at("/card/basic/name").asString()).isEqualTo("Name " + token);
        assertThat(rowsContaining("event_store.domain_event_entry", "convert_from(payload, 'UTF8')", token))
                .as("personal data is encrypted at rest").isZero();
        assertThat(rowsContaining("event_store.snapshot_event_entry", "convert_from(payload, 'UTF8')", token))
                .as("and so is the snapshot").isZero();
        assertThat(keys(id)).isEqualTo(1);
        // the search that must find nothing after the erasure finds the read models' clear text before it
        assertThat(ClearText.rowsHolding(jdbc, token, digits(token)).keySet()).contains("read_model.profile",
                "read_model.history_event", "read_model.feed_event");

        // refused erasures destroy nothing: the wrong role, an unknown customer, a stale If-Match
        long allKeys = jdbc.sql("SELECT count(*) FROM event_store.customer_key").query(Long.class).single();
        assertThat(commands.call("DELETE", "/api/customers/" + id + "/personal-data", "sales",
                "{\"reason\": \"customer asked\"}", null).status()).isEqualTo(403);
        assertThat(commands.call("DELETE", "/api/customers/" + UUID.randomUUID() + "/personal-data", "admin",
                "{\"reason\": \"mistyped id\"}", null).status()).isEqualTo(404);
        var stale = commands.call("DELETE", "/api/customers/" + id + "/personal-data", "admin",
                "{\"reason\": \"from an old view\"}", "\"4\"");
        assertThat(stale.status()).as(stale.raw().body()).isEqualTo(409);
        assertThat(stale.json().get("rule").asString()).isEqualTo("version-conflict");
        assertThat(jdbc.sql("SELECT count(*) FROM event_store.customer_key").query(Long.class).single())
                .isEqualTo(allKeys);
        assertThat(keys(id)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(events);
        assertThat(queries.get("/api/profiles/" + id + "?minVersion=" + events, "manager").json()
                .at("/card/basic/name").asString()).isEqualTo("Name " + token);
        var erased = commands.call("DELETE", "/api/customers/" + id + "/personal-data", "admin",
                "{\"reason\": \"the customer asked to be forgotten\"}", null);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("version").asLong()).isEqualTo(events + 1);

        JsonNode profile = awaitProfile(id, events + 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/events?customerId=" + id + "&limit=1000",
                "integrator").json().get("events").size() == events + 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(Views.read(queries, "/api/profiles/" + id + "/changes", "auditor")).doesNotContain(token);
            assertThat(Views.read(queries, "/api/events?customerId=" + id, "integrator")).doesNotContain(token);
        });
        // each names the customer; the field-change timeline's rows do not, so it is shown by its erased values alone
        List<String> views = List.of(
                profile.toString(),
                Views.read(queries, "/api/profiles/" + id + "/history?minVersion=" + (events + 1) + "&size=500",
                        "auditor"),
                Views.read(queries, "/api/profiles/" + id + "/as-of?version=2", "auditor"),
                Views.read(queries, "/api/events?customerId=" + id + "&limit=1000", "integrator"));
        String changes = Views.read(queries, "/api/profiles/" + id + "/changes?minVersion=" + (events + 1), "auditor");
        for (String view : views) {
            assertThat(view).contains(id);
        }
        for (String view : Stream.concat(views.stream(), Stream.of(changes)).toList()) {
            assertThat(view).contains("[erased]").doesNotContain(token).doesNotContain(digits(token))
                    .doesNotContainIgnoringCase("example.com");
        }
        assertThat(profile.at("/card/basic/name").asString()).isEqualTo("[erased]");
        assertThat(profile.at("/card/basic/address/street").asString()).isEqualTo("[erased]");
        assertThat(queries.get("/api/profiles/" + id + "/as-of?version=2", "auditor").json()
                .at("/card/basic/email").asString()).isEqualTo("[erased]");
        assertThat(ClearText.rowsHolding(jdbc, token, digits(token)))
                .as("no column of any table holds the name, phones or street in clear").isEmpty();
        // the snapshot taken before the erasure held the card: it is deleted with the customer's key
        assertThat(snapshots(id)).as("the customer's snapshots after its erasure").isZero();
        assertThat(keys(id)).as("the customer's key").isZero();

        // what is not personal stays, and so does the proof
        assertThat(profile.get("grade").asString()).isEqualTo("B");
        assertThat(profile.get("visitCount").asInt()).isEqualTo(1 + visits);
        assertThat(profile.get("personalDataErased").asBoolean()).isTrue();
        assertThat(queries.get("/api/profiles/" + id + "/history", "auditor").json().get("total").asLong())
                .isEqualTo(events + 1);
        JsonNode verdict = verify(id);
        assertThat(verdict.get("valid").asBoolean()).isTrue();
        assertThat(verdict.get("events").asInt()).isEqualTo((int) events + 1);
        // and the record takes no change that would need personal data again
        var refused = commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("rule").asString()).isEqualTo("personal-data-erased");
    }

    @Test
    void who_referred_a_customer_is_personal_and_its_erasure_blinds_the_link() {
        String referrer = customerWithHistory(token());
        String referred = customerWithHistory(token());
        assertThat(commands.put("/api/customers/" + referred + "/referrer", "sales",
                "{\"referredBy\": \"%s\", \"reason\": \"introduced at a fair\"}".formatted(referrer)).status())
                .isEqualTo(200);
        assertThat(awaitProfile(referred, 5).get("referredBy").asString()).isEqualTo(referrer);
        assertThat(awaitProfile(referrer, 4).at("/value/referrals").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id "
                        + "AND convert_from(payload, 'UTF8') LIKE :referrer")
                .param("id", referred).param("referrer", "%" + referrer + "%").query(Long.class).single())
                .as("the link is encrypted at rest").isZero();

        assertThat(commands.call("DELETE", "/api/customers/" + referred + "/personal-data", "admin",
                "{\"reason\": \"the customer asked to be forgotten\"}", null).status()).isEqualTo(200);
        assertThat(awaitProfile(referred, 6).get("referredBy").asString()).isEqualTo("[erased]");
        assertThat(queries.get("/api/profiles/" + referred + "/history", "auditor").raw().body()).doesNotContain(referrer);
        assertThat(queries.get("/api/events?customerId=" + referred, "integrator").raw().body()).doesNotContain(referrer);
        assertThat(queries.get("/api/profiles/" + referrer, "manager").json().at("/value/referrals").asInt()).isZero();
    }

    @Test
    void withdrawn_consent_withholds_personal_fields_from_the_feed() {
        String token = token();
        String id = customerWithHistory(token);
        assertThat(commands.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": false, \"purpose\": \"marketing\"}").status()).isEqualTo(200);
        JsonNode profile = awaitProfile(id, 5);
        assertThat(profile.get("consentGranted").asBoolean()).isFalse();
        String feed = await().atMost(Duration.ofSeconds(20))
                .until(() -> queries.get("/api/events?customerId=" + id, "integrator"),
                        response -> response.json().get("events").size() == 5).raw().body();
        assertThat(feed).doesNotContain(token).contains("[withheld]").contains("CustomerRegistered");
    }

    /**
     * Live subscribers share rendered pages of the feed; a consent withdrawn after a page was shared is honoured by
     * the next subscriber reading it.
     */
    @Test
    void a_live_subscriber_after_a_withdrawal_gets_the_pages_others_read_before_withheld() throws Exception {
        String token = token();
        String id = customerWithHistory(token);
        awaitProfile(id, 4);
        // 600 more events behind the customer's (copies of one filler customer's registration), so that its page of
        // the feed is full and kept in memory once read
        String filler = commands.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "D",
                 "ownerId": "rep-filler", "card": {"basic": {"name": "Filler"}}}""").json().get("customerId").asString();
        var database = com.customerarchive.testsupport.TestDatabase.get();
        try (var connection = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password())) {
            com.customerarchive.query.bench.EventCloner.copiesOf(connection, filler, 600);
        }
        long stored = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE type = 'Customer'")
                .query(Long.class).single();
        long head = await().atMost(Duration.ofSeconds(30)).until(() -> feedHead(), position -> position >= stored);
        assertThat(stream(head)).contains("Name " + token);

        assertThat(commands.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": false, \"purpose\": \"marketing\"}").status()).isEqualTo(200);
        awaitProfile(id, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/events?customerId=" + id, "integrator")
                .json().get("events").size() == 5);
        String after = stream(feedHead());
        assertThat(after).doesNotContain("Name " + token).contains("[withheld]");
    }

    private long feedHead() {
        return queries.get("/api/events?after=0&limit=1&type=NoSuchType", "integrator").json().get("next").asLong();
    }

    /** The live stream from position 0 up to {@code head}, as received. */
    private String stream(long head) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/events/stream?after=0")).header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "integrator:integrator-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder received = new StringBuilder();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                received.append(line).append('\n');
                if (line.startsWith("id:") && Long.parseLong(line.substring(3).trim()) >= head) {
                    break;
                }
            }
        }
        return received.toString();
    }

    @Test
    void withdrawn_consent_withholds_personal_fields_from_every_reader_but_auditors_and_the_trail_records_the_reads() {
        String token = token();
        String id = customerWithHistory(token);
        assertThat(commands.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": false, \"purpose\": \"all processing\"}").status()).isEqualTo(200);
        JsonNode withheld = awaitProfile(id, 5);
        assertThat(withheld.at("/card/basic/name").asString()).isEqualTo("[withheld]");
        assertThat(withheld.at("/card/basic/email").asString()).isEqualTo("[withheld]");
        // each names the customer; the rows of the field changes and of the visits do not
        List<String> views = List.of(withheld.toString(),
                Views.read(queries, "/api/profiles/" + id + "/history", "manager"),
                Views.read(queries, "/api/profiles/" + id + "/as-of?version=2", "manager"),
                Views.read(queries, "/api/profiles?ownerId=rep-audit&size=200", "manager"));
        for (String view : views) {
            assertThat(view).contains(id);
        }
        for (String view : Stream.concat(views.stream(), Stream.of(
                Views.read(queries, "/api/profiles/" + id + "/changes", "manager"),
                Views.read(queries, "/api/profiles/" + id + "/visits", "manager"))).toList()) {
            assertThat(view).contains("[withheld]").doesNotContain(token).doesNotContain(digits(token));
        }
        JsonNode audited = queries.get("/api/profiles/" + id, "auditor").json();
        assertThat(audited.at("/card/basic/name").asString()).isEqualTo("Name " + token);
        assertThat(queries.get("/api/profiles/" + id + "/history", "auditor").raw().body()).contains(token);
        JsonNode trail = queries.get("/api/profiles/" + id + "/access-log", "auditor").json();
        assertThat(trail.valueStream().map(entry -> entry.get("user").asString()).toList())
                .contains("manager", "auditor");
    }

    @Test
    void opening_a_customer_as_the_console_does_writes_one_entry_per_view_read() {
        String id = customerWithHistory(token());
        awaitProfile(id, 4);
        // the console's customer page: the profile, then its history, visits and purchases
        assertThat(queries.get("/api/profiles/" + id, "auditor").status()).isEqualTo(200);
        assertThat(queries.get("/api/profiles/" + id + "/history?size=200", "auditor").status()).isEqualTo(200);
        assertThat(queries.get("/api/profiles/" + id + "/visits", "auditor").status()).isEqualTo(200);
        assertThat(queries.get("/api/profiles/" + id + "/purchases", "auditor").status()).isEqualTo(200);

        JsonNode entries = queries.get("/api/profiles/" + id + "/access-log", "admin").json();

        assertThat(entries.valueStream().filter(entry -> entry.get("user").asString().equals("auditor"))
                .map(entry -> entry.get("view").asString()).toList())
                .as("newest first, one entry per endpoint read").containsExactly("visits", "history", "profile");
    }

    @Test
    void reads_of_personal_data_are_in_the_access_log_newest_first() {
        String id = customerWithHistory(token());
        awaitProfile(id, 4);
        assertThat(queries.get("/api/profiles/" + id, "auditor").status()).isEqualTo(200);
        assertThat(queries.get("/api/profiles/" + id + "/history?minVersion=4", "auditor").status()).isEqualTo(200);
        assertThat(queries.get("/api/profiles/" + id + "/access-log", "manager").status()).isEqualTo(403);

        var log = queries.get("/api/profiles/" + id + "/access-log", "admin");

        assertThat(log.status()).isEqualTo(200);
        JsonNode entries = log.json();
        assertThat(entries.get(0).get("user").asString()).isEqualTo("auditor");
        assertThat(entries.get(0).get("view").asString()).isEqualTo("history");
        assertThat(entries.get(1).get("user").asString()).isEqualTo("auditor");
        assertThat(entries.get(1).get("view").asString()).isEqualTo("profile");
        assertThat(entries.get(2).get("user").asString()).isEqualTo("manager");
        assertThat(entries.get(0).get("at").asString()).isNotBlank();
    }

    @Test
    void a_signed_checkpoint_lists_every_chain_head_and_its_signature_verifies_with_the_key() throws Exception {
        String id = customerWithHistory(token());
        var checkpoint = queries.get("/api/audit/checkpoint", "auditor");
        assertThat(checkpoint.status()).isEqualTo(200);
        JsonNode answer = checkpoint.json();
        assertThat(answer.at("/heads/" + id).asString()).isEqualTo(verify(id).get("headHash").asString());
        SortedMap<String, String> heads = new TreeMap<>();
        answer.get("heads").properties().forEach(head -> heads.put(head.getKey(), head.getValue().asString()));
        assertThat(answer.get("customers").asInt()).isEqualTo(heads.size());
        assertThat(answer.get("signature").asString()).isEqualTo(checkpointSignature(
                Base64.getDecoder().decode(TestKeys.masterKey()), answer.get("at").asString(), heads));
        assertThat(queries.get("/api/audit/checkpoint", "sales").status()).isEqualTo(403);
    }

    @Test
    void the_checkpoint_signature_is_the_known_answer_and_a_changed_head_no_longer_matches() throws Exception {
        Map<String, String> heads = new LinkedHashMap<>();
        // out of order: what is signed has its keys sorted
        heads.put(SECOND, "b".repeat(64));
        heads.put(FIRST, "a".repeat(64));
        assertThat(checkpointSignedByTheApp(heads)).isEqualTo(KNOWN_SIGNATURE);
        heads.put(SECOND, "0".repeat(64));
        assertThat(checkpointSignedByTheApp(heads)).as("a head changed after signing no longer matches")
                .isEqualTo(KNOWN_SIGNATURE_OF_A_CHANGED_HEAD);
        // the auditor's own check, which the live checkpoint is held to, gives the same known answer
        assertThat(checkpointSignature(KNOWN_MASTER_KEY, KNOWN_AT,
                new TreeMap<>(Map.of(FIRST, "a".repeat(64), SECOND, "b".repeat(64))))).isEqualTo(KNOWN_SIGNATURE);
    }

    /** The app's checkpoint at {@link #KNOWN_AT} of these heads, under {@link #KNOWN_MASTER_KEY}: its signature. */
    private static String checkpointSignedByTheApp(Map<String, String> heads) throws GeneralSecurityException {
        HashChain chain = new HashChain(null, new EventStoreProperties("event_store", 1000, Duration.ZERO)) {
            @Override
            Map<String, String> heads() {
                return heads;
            }
        };
        KeyWrapping keys = new KeyWrapping(KeyWrapping.masterKey(Base64.getEncoder().encodeToString(KNOWN_MASTER_KEY)));
        return new AuditController(chain, null, Clock.fixed(Instant.parse(KNOWN_AT), ZoneOffset.UTC), new Signer(keys, ""), null)
                .checkpoint().signature();
    }

    /**
     * The auditor's check of a checkpoint, apart from the app's code: HMAC-SHA256 keyed by SHA-256 of "checkpoint|" and
     * the master key, over {at, customers, heads} as JSON with its keys sorted and no whitespace.
     */
    private static String checkpointSignature(byte[] masterKey, String at, SortedMap<String, String> heads)
            throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("checkpoint|".getBytes(StandardCharsets.UTF_8));
        byte[] checkpointKey = sha256.digest(masterKey);
        String signed = "{\"at\":\"" + at + "\",\"customers\":" + heads.size() + ",\"heads\":"
                + heads.entrySet().stream().map(head -> "\"" + head.getKey() + "\":\"" + head.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}")) + "}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(checkpointKey, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_rewritten_history_with_every_later_hash_recomputed_is_caught_by_an_earlier_checkpoint() throws Exception {
        String id = customerWithHistory(token());
        awaitProfile(id, 4);
        String earlierHead = queries.get("/api/audit/checkpoint", "auditor").json().at("/heads/" + id).asString();
        assertThat(commands.post("/api/customers/" + id + "/review", "sales", "{\"notes\": \"checked\"}").status())
                .isEqualTo(200);
        JsonNode grown = queries.get("/api/profiles/" + id + "/verify?head=" + earlierHead, "auditor").json();
        assertThat(grown.get("valid").asBoolean()).isTrue();
        assertThat(grown.get("headFoundAt").asInt()).as("history only grew").isEqualTo(4);

        awaitProfile(id, 5);
        awaitAllProjections();
        rewriteGradeReasonAndRehash(id, "ordered twice", "never ordered");
        JsonNode rewritten = queries.get("/api/profiles/" + id + "/verify?head=" + earlierHead, "auditor").json();
        assertThat(rewritten.get("valid").asBoolean()).as("the attacker recomputed every later hash").isTrue();
        assertThat(rewritten.path("headFoundAt").isMissingNode() || rewritten.path("headFoundAt").isNull())
                .as("the earlier checkpoint's head is gone from the chain: history was rewritten").isTrue();
        // put it back: the store is shared with the tests that replay every projection
        rewriteGradeReasonAndRehash(id, "never ordered", "ordered twice");
        assertThat(queries.get("/api/profiles/" + id + "/verify?head=" + earlierHead, "auditor").json()
                .get("headFoundAt").asInt()).isEqualTo(4);
    }

    /** An attacker with database access: changes one event and recomputes its hash and every later one. */
    private void rewriteGradeReasonAndRehash(String customerId, String from, String to) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT sequence_number, event_identifier, payload_type, payload_revision, time_stamp, payload, meta_data
                        FROM event_store.domain_event_entry WHERE aggregate_identifier = :id ORDER BY sequence_number""")
                .param("id", customerId).query().listOfRows();
        String previous = "";
        boolean rewriting = false;
        for (Map<String, Object> row : rows) {
            String payload = new String((byte[]) row.get("payload"), java.nio.charset.StandardCharsets.UTF_8);
            if (payload.contains(from)) {
                payload = payload.replace(from, to);
                rewriting = true;
            }
            var metaData = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree((byte[]) row.get("meta_data"));
            if (rewriting) {
                String hash = com.customerarchive.events.privacy.EventHash.of(new com.customerarchive.events.privacy.EventHash.Link(
                        customerId, ((Number) row.get("sequence_number")).longValue(), (String) row.get("event_identifier"),
                        (String) row.get("payload_type"), (String) row.get("payload_revision"), (String) row.get("time_stamp"),
                        json.readTree(payload), metaData, previous));
                metaData.put("hash", hash);
                jdbc.sql("UPDATE event_store.domain_event_entry SET payload = :payload, meta_data = :meta "
                                + "WHERE aggregate_identifier = :id AND sequence_number = :sequence")
                        .param("payload", payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .param("meta", json.writeValueAsBytes(metaData)).param("id", customerId)
                        .param("sequence", row.get("sequence_number")).update();
            }
            previous = metaData.path("hash").asText();
        }
        assertThat(rewriting).as("the event to rewrite was found").isTrue();
    }

    private void swapThirdAndFourth(String customerId) {
        jdbc.sql("""
                        UPDATE event_store.domain_event_entry SET sequence_number = 100 + (3 - sequence_number)
                        WHERE aggregate_identifier = :id AND sequence_number IN (2, 3)""").param("id", customerId).update();
        jdbc.sql("""
                        UPDATE event_store.domain_event_entry SET sequence_number = sequence_number - 98
                        WHERE aggregate_identifier = :id AND sequence_number >= 100""").param("id", customerId).update();
    }

    private long snapshots(String customerId) {
        return jdbc.sql("SELECT count(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).query(Long.class).single();
    }

    private long keys(String customerId) {
        return jdbc.sql("SELECT count(*) FROM event_store.customer_key WHERE customer_id = :id")
                .param("id", customerId).query(Long.class).single();
    }

    private long rowsContaining(String table, String column, String token) {
        return jdbc.sql("SELECT count(*) FROM " + table + " t WHERE " + column + " LIKE :pattern")
                .param("pattern", "%" + token + "%").query(Long.class).single();
    }
}
