package com.customerarchive.query.report;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reports a manager can trace (issue 24, points 3–5), by HTTP through both apps, in March 2023 (a month no other test
 * writes in), with cities and owners of this test's own:
 * <pre>
 * Trace Looms (owner a): registered 01-10 in city N1; visit 03-05 (PHONE); moved to city N2 on 03-10; visit 03-15
 * (ON_SITE_VISIT); purchase 03-20 100.00 CNY.
 * statistics by city, March:    N1: customers 0, visits 1          N2: customers 1, visits 1, purchases 1, CNY 100.00
 * then recorded later, back-dated into March: visit 03-25 (PHONE), purchase 03-26 50.00 USD
 * fresh run:                    N1: unchanged                      N2: visits 2, purchases 2, CNY 100.00, USD 50.00
 * run at the knownAt before:    exactly the first answer
 * </pre>
 * A frozen copy of the first answer stays as it was, and its re-run at its knownAt matches it; a changed byte in the
 * stored copy breaks its signature. Then every figure of every report is opened: its drill-down's total is the figure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracedReportsTest extends BothAppsTest {

    private static final String MARCH = "from=2023-03-01&to=2023-04-01";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final Api commands = new Api(COMMAND_SIDE.baseUrl());
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String cityBefore = "北仑" + suffix;
    private final String cityAfter = "镇海" + suffix;
    private final String ownerA = "trace-a-" + suffix;
    private final String ownerB = "trace-b-" + suffix;

    private Api queries;
    private String looms;
    private long version;
    private Instant knownBefore;
    private String snapshot;
    private String archived;

    @Test
    @Order(1)
    void figures_about_events_group_as_things_stood_then_and_a_later_correction_leaves_the_past_report_alone() {
        queries = new Api("http://localhost:" + port);
        looms = created(commands.post("/api/customers", "sales", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EXHIBITION", "grade": "B",
                 "ownerId": "%s", "occurredAt": "2023-01-10T04:00:00Z",
                 "card": {"basic": {"name": "Trace Looms", "address": {"province": "浙江", "city": "%s"}}}}"""
                .formatted(ownerA, cityBefore)));
        String c = "/api/customers/" + looms;
        ok(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2023-03-05T04:00:00Z\", \"method\": \"PHONE\"}"));
        ok(commands.patch(c + "/card", "sales", """
                {"basic": {"address": {"province": "浙江", "city": "%s"}}, "occurredAt": "2023-03-10T04:00:00Z"}"""
                .formatted(cityAfter)));
        ok(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2023-03-15T04:00:00Z\", \"method\": \"ON_SITE_VISIT\"}"));
        ok(commands.post(c + "/purchases", "sales", """
                {"orderRef": "T-1", "product": "loom", "quantity": 1, "amount": 100.00, "currency": "CNY",
                 "purchasedAt": "2023-03-20T04:00:00Z", "occurredAt": "2023-03-20T04:00:00Z"}"""));
        readUpTo(looms, version);

        assertThat(cityRows()).containsExactly(
                cityAfter + " customers 1 new 0 visits 1 purchases 1 totals [CNY 100.00]",
                cityBefore + " customers 0 new 0 visits 1 purchases 0 totals []");
        knownBefore = Instant.now();

        // frozen before anything is corrected
        Api.Response frozen = queries.post("/api/reports/snapshots", "manager", """
                {"report": "statistics", "parameters": {"from": "2023-02-28T16:00:00Z", "to": "2023-03-31T16:00:00Z", "by": "city"}}""");
        assertThat(frozen.status()).as(frozen.raw().body()).isEqualTo(201);
        snapshot = frozen.json().get("id").asString();
        assertThat(frozen.header("Location")).isEqualTo("/api/reports/snapshots/" + snapshot);
        assertThat(queries.post("/api/reports/snapshots", "sales", "{\"report\": \"statistics\"}").status())
                .isEqualTo(403);

        // recorded now, back-dated into March
        ok(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2023-03-25T04:00:00Z\", \"method\": \"PHONE\"}"));
        ok(commands.post(c + "/purchases", "sales", """
                {"orderRef": "T-2", "product": "spindle", "quantity": 1, "amount": 50.00, "currency": "USD",
                 "purchasedAt": "2023-03-26T04:00:00Z", "occurredAt": "2023-03-26T04:00:00Z"}"""));
        readUpTo(looms, version);

        assertThat(cityRows()).containsExactly(
                cityAfter + " customers 1 new 0 visits 2 purchases 2 totals [CNY 100.00, USD 50.00]",
                cityBefore + " customers 0 new 0 visits 1 purchases 0 totals []");
        assertThat(cityRows("&knownAt=" + knownBefore)).containsExactly(
                cityAfter + " customers 1 new 0 visits 1 purchases 1 totals [CNY 100.00]",
                cityBefore + " customers 0 new 0 visits 1 purchases 0 totals []");
        assertThat(queries.get("/api/reports/statistics?" + MARCH + "&by=city&knownAt=2999-01-01T00:00:00Z", "manager")
                .status()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void a_frozen_report_stays_as_it_was_and_its_rerun_at_its_known_at_still_matches() {
        JsonNode frozen = ok(queries.get("/api/reports/snapshots/" + snapshot, "auditor"));
        assertThat(frozen.get("report").asString()).isEqualTo("statistics");
        assertThat(frozen.get("frozenBy").asString()).isEqualTo("manager");
        assertThat(rows(frozen.get("answer"))).containsExactly(
                cityAfter + " customers 1 new 0 visits 1 purchases 1 totals [CNY 100.00]",
                cityBefore + " customers 0 new 0 visits 1 purchases 0 totals []");
        assertThat(Instant.parse(frozen.get("knownAt").asString())).isBefore(knownBefore);

        JsonNode verified = ok(queries.get("/api/reports/snapshots/" + snapshot + "/verify", "auditor"));
        assertThat(verified.get("signatureValid").asBoolean()).isTrue();
        assertThat(verified.get("figuresMatch").asBoolean()).as(verified.toString()).isTrue();

        // a frozen report altered in the table no longer carries its signature
        jdbc.sql("UPDATE report_snapshot SET answer = replace(answer, '\"visits\":1', '\"visits\":3') WHERE id = :id")
                .param("id", UUID.fromString(snapshot)).update();
        JsonNode altered = ok(queries.get("/api/reports/snapshots/" + snapshot + "/verify", "auditor"));
        assertThat(altered.get("signatureValid").asBoolean()).isFalse();
        assertThat(altered.get("figuresMatch").asBoolean()).isFalse();
        assertThat(altered.get("differences").toString()).contains("visits");
        assertThat(queries.get("/api/reports/snapshots/" + UUID.randomUUID(), "manager").status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void every_figure_of_every_report_drills_down_to_as_many_customers_or_events() {
        generateMarch();
        List<String> reports = new ArrayList<>();
        for (String by : List.of("source", "province", "city", "industry", "grade", "tier", "nature", "owner",
                "lifecycle")) {
            reports.add("/api/reports/statistics?" + MARCH + "&by=" + by);
        }
        for (String by : List.of("category", "severity", "responsibility", "owner")) {
            reports.add("/api/reports/complaints?" + MARCH + "&by=" + by);
        }
        reports.addAll(List.of("/api/reports/grade-migration?" + MARCH, "/api/reports/activity?" + MARCH,
                "/api/reports/activity?" + MARCH + "&ownerId=" + ownerB, "/api/reports/membership?" + MARCH,
                "/api/reports/lifecycle?asOf=2023-04-01", "/api/reports/lifecycle?asOf=2023-04-01&ownerId=" + ownerB,
                "/api/reports/lifecycle", "/api/reports/value?asOf=2023-04-01&top=30",
                "/api/reports/referrals?" + MARCH, "/api/reports/statistics?" + MARCH + "&by=city&knownAt="
                        + knownBefore));
        int opened = 0;
        int nonZero = 0;
        for (String report : reports) {
            JsonNode answer = ok(queries.get(report, "manager"));
            List<String[]> figures = new ArrayList<>();
            figures(answer, figures);
            assertThat(figures).as(report + " has figures with drill links").isNotEmpty();
            for (String[] figure : figures) {
                JsonNode drilled = ok(queries.get(figure[1], "manager"));
                String total = figure[2].equals("money") ? amountIn(drilled.get("totals"), figure[3])
                        : String.valueOf(drilled.get("total").asLong());
                assertThat(total).as(report + " " + figure[1]).isEqualTo(figure[0]);
                if (!figure[0].equals("0") && !figure[0].equals("0.00")) {
                    nonZero++;
                }
                opened++;
            }
        }
        assertThat(opened).isGreaterThan(200);
        assertThat(nonZero).isGreaterThan(60);

        // the value ranking leaves an archived customer out unless asked
        String value = "/api/reports/value?asOf=2023-04-01&top=1000";
        assertThat(ok(queries.get(value, "manager")).toString()).doesNotContain(archived);
        assertThat(ok(queries.get(value + "&archived=true", "manager")).toString()).contains(archived);

        // a figure of events lists the events, paged and sorted by business time
        JsonNode visits = ok(queries.get(link("/api/reports/activity?" + MARCH + "&ownerId=" + ownerA, "visits"), "manager"));
        assertThat(visits.get("kind").asString()).isEqualTo("events");
        JsonNode firstPage = ok(queries.get(link("/api/reports/activity?" + MARCH + "&ownerId=" + ownerA, "visits")
                + "&size=2&sort=-occurredAt", "manager"));
        assertThat(firstPage.get("items").size()).isEqualTo(2);
        assertThat(Instant.parse(firstPage.at("/items/0/occurredAt").asString()))
                .isAfterOrEqualTo(Instant.parse(firstPage.at("/items/1/occurredAt").asString()));
        assertThat(firstPage.get("total").asLong()).isEqualTo(visits.get("total").asLong());
        assertThat(queries.get("/api/reports/drill?report=statistics&figure=nothing&" + MARCH + "&by=city", "manager")
                .status()).isEqualTo(400);
        assertThat(queries.get("/api/reports/drill?report=activity&figure=visits&" + MARCH, "sales").status())
                .isEqualTo(403);
    }

    /** Every figure beside its drill link in a report answer: {value, link, "count"|"money", currency}. */
    private static void figures(JsonNode node, List<String[]> found) {
        if (node.isArray()) {
            node.forEach(element -> figures(element, found));
        } else if (node.isObject()) {
            if (node.has("drill")) {
                linked(node, node.get("drill"), found);
            }
            node.properties().forEach(entry -> {
                if (!entry.getKey().equals("drill")) {
                    figures(entry.getValue(), found);
                }
            });
        }
    }

    private static void linked(JsonNode figures, JsonNode links, List<String[]> found) {
        links.properties().forEach(entry -> {
            JsonNode figure = figures.get(entry.getKey());
            if (entry.getValue().isString()) {
                found.add(new String[]{String.valueOf(figure.asLong()), entry.getValue().asString(), "count", null});
            } else if (figure != null && figure.isArray()) {
                // money: one link per currency of the list of {currency, amount}
                entry.getValue().properties().forEach(currency -> found.add(new String[]{
                        amountIn(figure, currency.getKey()), currency.getValue().asString(), "money", currency.getKey()}));
            } else {
                linked(figure, entry.getValue(), found);
            }
        });
    }

    private static String amountIn(JsonNode totals, String currency) {
        if (totals == null || totals.isNull()) {
            return "0.00";
        }
        for (JsonNode line : totals) {
            if (line.get("currency").asString().equals(currency)) {
                return new BigDecimal(line.get("amount").asString()).setScale(2).toPlainString();
            }
        }
        return "0.00";
    }

    private String link(String report, String figure) {
        JsonNode owners = ok(queries.get(report, "manager")).get("owners");
        return owners.get(0).at("/drill/" + figure).asString();
    }

    /** Ten customers of two reps with visits, purchases, grades, owners and complaints in March (seeded). */
    private void generateMarch() {
        Random random = new Random(24);
        String[] methods = {"PHONE", "ON_SITE_VISIT", "MAIL"};
        String[] grades = {"A", "B", "C", "D", "E"};
        for (int i = 0; i < 10; i++) {
            String owner = i % 2 == 0 ? ownerA : ownerB;
            int grade = random.nextInt(5);
            String city = i % 3 == 0 ? cityBefore : cityAfter;
            String id = created(commands.post("/api/customers", "sales", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "%s", "source": "EXHIBITION", "grade": "%s",
                     "ownerId": "%s", "occurredAt": "2023-0%d-0%dT05:00:00Z",
                     "card": {"basic": {"name": "Trace %d", "industry": "纺织", "address": {"city": "%s"}}}}"""
                    .formatted(i % 2 == 0 ? "KEY" : "REGULAR", grades[grade], owner, 2 + i % 2,
                    1 + i % 9, i, city)));
            String c = "/api/customers/" + id;
            for (int visit = 0, n = random.nextInt(4); visit < n; visit++) {
                ok(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2023-03-%02dT06:%02d:00Z\", \"method\": \"%s\"}"
                        .formatted(10 + visit, i, methods[random.nextInt(3)])));
            }
            for (int purchase = 0, n = random.nextInt(3); purchase < n; purchase++) {
                ok(commands.post(c + "/purchases", "sales", """
                        {"orderRef": "G-%d-%d", "product": "yarn", "quantity": 2, "amount": %d.50, "currency": "%s",
                         "purchasedAt": "2023-03-%02dT07:00:00Z", "occurredAt": "2023-03-%02dT07:00:00Z"}"""
                        .formatted(i, purchase, 10 + random.nextInt(90), random.nextBoolean() ? "CNY" : "USD",
                                12 + purchase, 12 + purchase)));
            }
            if (random.nextBoolean()) {
                ok(commands.put(c + "/grade", "manager", "{\"grade\": \"%s\", \"reason\": \"review\", \"occurredAt\": \"2023-03-16T08:00:00Z\"}"
                        .formatted(grades[(grade + 1 + random.nextInt(4)) % 5])));
            }
            if (i % 4 == 1) {
                ok(commands.put(c + "/owner", "manager", "{\"ownerId\": \"%s\", \"reason\": \"territory\", \"occurredAt\": \"2023-03-17T08:00:00Z\"}"
                        .formatted(owner.equals(ownerA) ? ownerB : ownerA)));
                ok(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2023-03-18T06:00:00Z\", \"method\": \"MAIL\"}"));
            }
            if (i % 3 != 2) {
                String complaint = created(commands.post(c + "/complaints", "sales", """
                        {"category": "%s", "severity": "%s", "description": "complaint", "channel": "phone",
                         "occurredAt": "2023-03-19T04:00:00Z"}""".formatted(i % 2 == 0 ? "DELIVERY" : "BILLING",
                        i % 3 == 0 ? "HIGH" : "LOW")), "complaintId");
                if (i % 2 == 0) {
                    ok(commands.post(c + "/complaints/" + complaint + "/assign", "manager", """
                            {"assignee": "service-desk", "occurredAt": "2023-03-20T04:00:00Z"}"""));
                    ok(commands.post(c + "/complaints/" + complaint + "/resolve", "sales", """
                            {"resolution": "re-sent", "responsibility": "OURS", "occurredAt": "2023-03-21T04:00:00Z"}"""));
                }
            }
            if (i == 9) {
                ok(commands.post(c + "/archive", "manager", "{\"reason\": \"closed down\", \"occurredAt\": \"2023-03-28T04:00:00Z\"}"));
                archived = id;
            }
            if (i == 3) {
                ok(commands.put(c + "/referrer", "sales", "{\"referredBy\": \"%s\", \"reason\": \"introduced\", \"occurredAt\": \"2023-03-22T04:00:00Z\"}"
                        .formatted(looms)));
            }
            readUpTo(id, version);
        }
    }

    private List<String> cityRows(String... extra) {
        return rows(ok(queries.get("/api/reports/statistics?" + MARCH + "&by=city" + String.join("", extra), "manager")));
    }

    /** The rows of this test's two cities, in the report's order. */
    private List<String> rows(JsonNode statistics) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : statistics) {
            String key = row.get("key").asString();
            if (key.equals(cityBefore) || key.equals(cityAfter)) {
                List<String> totals = new ArrayList<>();
                row.get("totals").forEach(line -> totals.add(line.get("currency").asString() + " "
                        + new BigDecimal(line.get("amount").asString()).setScale(2).toPlainString()));
                rows.add(key + " customers " + row.get("customers").asLong() + " new " + row.get("newCustomers").asLong()
                        + " visits " + row.get("visits").asLong() + " purchases " + row.get("purchases").asLong()
                        + " totals " + totals);
            }
        }
        return rows;
    }

    private String created(Api.Response response) {
        return created(response, "customerId");
    }

    private String created(Api.Response response, String field) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        version = response.json().get("version").asLong();
        return response.json().get(field).asString();
    }

    private JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isBetween(200, 201);
        if (response.json() != null && response.json().has("version")) {
            version = response.json().get("version").asLong();
        }
        return response.json();
    }

    private void readUpTo(String customerId, long upTo) {
        String path = "/api/profiles/" + customerId + "?minVersion=" + upTo;
        assertThat(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get(path, "manager").status(), status -> status != 503)).isEqualTo(200);
    }
}
