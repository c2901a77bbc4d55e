package com.customerarchive.query.hostile;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bodies against every write of command-side: wrong types, missing and extra fields, huge and deeply nested
 * values, control characters and broken UTF-8, numbers and dates at the edges. Never a 5xx; a refusal is always
 * problem+json and writes nothing anywhere in the event store, to this customer or any other. A body that happens to
 * be a valid request is taken only in one of the shapes listed in {@link #VALID} (an empty review, a consent with its
 * two fields, ...), and then exactly one event is stored, the customer's next. Archiving has a customer of its own,
 * reactivated after each archive taken, so the other writes meet an active customer and are judged on their bodies.
 */
class HostileInputTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> WRITES = List.of("POST /api/customers", "PATCH /card", "PUT /grade", "PUT /owner",
            "POST /visits", "POST /complaints", "POST /purchases", "PUT /referrer", "POST /review", "POST /consent",
            "POST /archive", "POST /membership-card", "POST /membership-card/renew", "PUT /membership-card/tier",
            "POST /purchases/1/cancel");
    /**
     * The writes a generated body can make valid, each by the fields its request reads (a longer text, a container or
     * a missing required field is no valid request); unknown fields are ignored.
     */
    private static final Map<String, Shape> VALID = Map.of(
            "POST /review", new Shape(true, Set.of(), Map.of("notes", 4000, "occurredAt", 30)),
            "POST /archive", new Shape(false, Set.of(), Map.of("reason", 2000, "occurredAt", 30)),
            "POST /consent", new Shape(false, Set.of("granted", "purpose"),
                    Map.of("granted", 5, "purpose", 200, "occurredAt", 30)),
            "PUT /owner", new Shape(false, Set.of("ownerId"),
                    Map.of("ownerId", 64, "reason", 2000, "occurredAt", 30)));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String base;
    private static String customer;
    private static String archivable;

    /** Whether the body may be left out; the fields that must be there; the fields read, with the longest text each. */
    private record Shape(boolean optional, Set<String> required, Map<String, Integer> longest) {

        boolean fits(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.isEmpty() || !Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body)) {
                return text.isEmpty() && optional;
            }
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (JacksonException notJson) {
                return false;
            }
            if (!json.isObject()) {
                return false;
            }
            for (String field : required) {
                JsonNode value = json.path(field);
                if (value.isMissingNode() || value.isNull() || value.isContainer() || value.asString().isBlank()) {
                    return false;
                }
            }
            for (Map.Entry<String, Integer> field : longest.entrySet()) {
                JsonNode value = json.path(field.getKey());
                if (value.isContainer() || value.asString().length() > field.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }

    @BeforeContainer
    static void customer() throws Exception {
        base = AppProcess.commandSide().baseUrl();
        HttpResponse<String> created = send("POST", base + "/api/customers", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-hostile", "card": {"basic": {"name": "Hostile Input Ltd"}}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        customer = created.body().replaceAll(".*\"customerId\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> toArchive = send("POST", base + "/api/customers", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-hostile", "card": {"basic": {"name": "Hostile Archive Ltd"}}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(toArchive.statusCode()).isEqualTo(201);
        archivable = toArchive.body().replaceAll(".*\"customerId\":\"([^\"]+)\".*", "$1");
    }

    @Property(tries = 300)
    void no_hostile_body_gets_a_5xx_or_writes_anything(@ForAll("writes") String write, @ForAll("bodies") byte[] body)
            throws Exception {
        String[] methodAndPath = write.split(" ");
        String target = write.equals("POST /archive") ? archivable : customer;
        String url = base + (methodAndPath[1].startsWith("/api") ? methodAndPath[1]
                : "/api/customers/" + target + methodAndPath[1]);
        Map<String, Long> before = stored();
        long streamBefore = lastSequence(target);
        HttpResponse<String> answer = send(methodAndPath[0], url, body);
        String asked = write + " " + new String(body, StandardCharsets.UTF_8);
        asked = asked.substring(0, Math.min(asked.length(), 300));
        assertThat(answer.statusCode()).as(asked).isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(stored()).as("nothing written by a refused " + write).isEqualTo(before);
            return;
        }
        Map<String, Long> after = stored();
        if (after.equals(before)) {
            // taken and nothing written: a change to nothing (an empty card patch), which the contract answers 200
            assertThat(lastSequence(target)).as("nothing stored by " + asked).isEqualTo(streamBefore);
            return;
        }
        assertThat(VALID.containsKey(write) && VALID.get(write).fits(body)).as("taken and written, so a valid request: "
                + asked).isTrue();
        assertThat(after.get("domain_event_entry")).as("one event stored by " + asked)
                .isEqualTo(before.get("domain_event_entry") + 1);
        assertThat(lastSequence(target)).as("the event is the customer's next").isEqualTo(streamBefore + 1);
        // a snapshot may follow the event; nothing else changes
        for (String changed : List.of("domain_event_entry", "last global index", "snapshot_event_entry")) {
            after.remove(changed);
            before.remove(changed);
        }
        assertThat(after).as("nothing else written by " + asked).isEqualTo(before);
        if (write.equals("POST /archive")) {
            assertThat(send("POST", base + "/api/customers/" + archivable + "/reactivate",
                    "{\"reason\": \"hostile input goes on\"}".getBytes(StandardCharsets.UTF_8)).statusCode())
                    .as("the archived customer reactivated").isEqualTo(200);
        }
    }

    /** Found by a run of the property above: a container where a card edit's occurredAt should be (CI, 3 December). */
    @Example
    void a_card_edit_dated_by_a_container_is_a_bad_request() throws Exception {
        for (String body : List.of("{\"validUntil\":\"\",\"purpose\":\"\",\"occurredAt\":[]}",
                "{\"occurredAt\":{}}", "{\"occurredAt\":42}")) {
            Map<String, Long> before = stored();
            HttpResponse<String> answer = send("PATCH", base + "/api/customers/" + customer + "/card",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).contains("occurredAt", "ISO-8601");
            assertThat(stored()).as("nothing written by " + body).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> writes() {
        return Arbitraries.of(WRITES);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> hostileText = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(HostileInputTest::quoted),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(10)
                        .map(HostileInputTest::quoted),
                Arbitraries.just("\"" + "x".repeat(100_000) + "\""),
                Arbitraries.of("-1", "0", "1e309", "-9999999999999999999999", "1.00000000000000000001", "NaN", "true",
                        "null", "[]", "{}", "\"2999-12-31T23:59:59Z\"", "\"0000-01-01\"", "\"2026-02-30\"",
                        "\"9999-99-99T99:99:99Z\"", "\"../../etc/passwd\"", "\"<script>alert(1)</script>\""));
        Arbitrary<String> field = Arbitraries.of("grade", "reason", "method", "occurredAt", "card", "basic", "name",
                "category", "severity", "amount", "quantity", "orderRef", "product", "currency", "referredBy",
                "ownerId", "tier", "validUntil", "fee", "identityChecked", "granted", "purpose", "notes", "unknown");
        Arbitrary<String> object = Arbitraries.maps(field, hostileText).ofMaxSize(6).map(map -> {
            StringBuilder json = new StringBuilder("{");
            map.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":")
                    .append(value));
            return json.append('}').toString();
        });
        Arbitrary<String> nested = Arbitraries.integers().between(50, 3000).map(depth -> "{\"card\":"
                + "{\"basic\":".repeat(depth) + "1" + "}".repeat(depth) + "}");
        Arbitrary<byte[]> text = Arbitraries.oneOf(object, nested, Arbitraries.of("", "{", "[1,2]", "\"just text\"",
                "{\"grade\": \"A\", \"grade\": \"B\"}")).map(json -> json.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> brokenUtf8 = Arbitraries.of(new byte[]{'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                new byte[]{(byte) 0xFF, (byte) 0xFE, '{', '}'});
        return Arbitraries.oneOf(text, text, text, brokenUtf8);
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static HttpResponse<String> send(String method, String url, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:manager-pw".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sequence number of the customer's newest event. */
    private static long lastSequence(String customerId) throws SQLException {
        TestDatabase database = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement query = connection.prepareStatement("SELECT max(sequence_number) "
                     + "FROM event_store.domain_event_entry WHERE aggregate_identifier = ?")) {
            query.setString(1, customerId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Every table of the event store (events, snapshots, keys, card numbers) by its rows, and the last event's index. */
    private static Map<String, Long> stored() throws SQLException {
        TestDatabase database = TestDatabase.get();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            List<String> counts = new ArrayList<>();
            try (ResultSet tables = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'event_store' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%'")) {
                while (tables.next()) {
                    counts.add("SELECT '" + tables.getString(1) + "', count(*) FROM event_store." + tables.getString(1));
                }
            }
            assertThat(counts).as("the event store's tables").hasSizeGreaterThan(1);
            Map<String, Long> stored = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", counts) + " UNION ALL "
                    + "SELECT 'last global index', COALESCE(max(global_index), 0) FROM event_store.domain_event_entry")) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getLong(2));
                }
            }
            return stored;
        }
    }
}
