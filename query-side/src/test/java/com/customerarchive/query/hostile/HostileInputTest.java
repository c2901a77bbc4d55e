package com.customerarchive.query.hostile;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile bodies against every write of command-side: wrong types, missing and extra fields, huge and deeply nested
 * values, control characters and broken UTF-8, numbers and dates at the edges. Never a 5xx; a refusal is always
 * problem+json and writes nothing anywhere in the event store, to this customer or any other (a body that happens to
 * be a valid request, an empty review, is taken).
 */
class HostileInputTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> WRITES = List.of("POST /api/customers", "PATCH /card", "PUT /grade", "PUT /owner",
            "POST /visits", "POST /complaints", "POST /purchases", "PUT /referrer", "POST /review", "POST /consent",
            "POST /archive", "POST /membership-card", "POST /membership-card/renew", "PUT /membership-card/tier",
            "POST /purchases/1/cancel");
    private static String base;
    private static String customer;

    @BeforeContainer
    static void customer() throws Exception {
        base = AppProcess.commandSide().baseUrl();
        HttpResponse<String> created = send("POST", base + "/api/customers", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-hostile", "card": {"basic": {"name": "Hostile Input Ltd"}}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        customer = created.body().replaceAll(".*\"customerId\":\"([^\"]+)\".*", "$1");
    }

    @Property(tries = 300)
    void no_hostile_body_gets_a_5xx_or_writes_anything(@ForAll("writes") String write, @ForAll("bodies") byte[] body)
            throws Exception {
        String[] methodAndPath = write.split(" ");
        String url = base + (methodAndPath[1].startsWith("/api") ? methodAndPath[1]
                : "/api/customers/" + customer + methodAndPath[1]);
        Map<String, Long> before = stored();
        HttpResponse<String> answer = send(methodAndPath[0], url, body);
        String asked = write + " " + new String(body, StandardCharsets.UTF_8);
        assertThat(answer.statusCode()).as(asked.substring(0, Math.min(asked.length(), 300))).isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(stored()).as("nothing written by a refused " + write).isEqualTo(before);
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
