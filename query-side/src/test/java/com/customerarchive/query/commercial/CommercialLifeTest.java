package com.customerarchive.query.commercial;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.Csv;
import com.customerarchive.query.support.ExactJson;
import com.customerarchive.query.support.LifecycleStages;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lifecycle, churn warning, value, referrals, the agenda and the reports against a table of customers computed by
 * hand, by HTTP through both apps: today's customers judged now, and the calendar quarters of LOYAL on dates written
 * out, judged at instants written out.
 */
class CommercialLifeTest extends BothAppsTest {

    @LocalServerPort
    int port;

    private Api commands;
    private Api queries;
    private final Instant now = Instant.now();
    private final LocalDate today = now.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    private String owner;

    @BeforeEach
    void setUp() {
        commands = new Api(COMMAND_SIDE.baseUrl());
        queries = new Api("http://localhost:" + port);
        owner = "life-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void lifecycle_risk_value_referrals_agenda_and_reports_follow_the_purchases() {
        Instant registeredAt = now.minus(500, ChronoUnit.DAYS);
        String prospect = register("Prospect", "B", registeredAt, """
                , "birthday": "%s\"""".formatted(today.plusDays(5).minusYears(30)));
        visit(prospect);
        String first = register("First", "B", registeredAt, "");
        visit(first);
        purchase(first, "F-1", "100.00", now.minus(10, ChronoUnit.DAYS));
        String repeat = register("Repeat", "B", registeredAt, "");
        visit(repeat);
        purchase(repeat, "R-1", "500.00", now.minus(20, ChronoUnit.DAYS));
        purchase(repeat, "R-2", "500.00", now.minus(10, ChronoUnit.DAYS));
        String best = register("Best", "B", registeredAt, """
                , "foundedOn": "%s\"""".formatted(today.plusDays(20).minusYears(10)));
        visit(best);
        for (int daysAgo : new int[]{100, 70, 40, 10}) {
            purchase(best, "B-" + daysAgo, "1000.00", now.minus(daysAgo, ChronoUnit.DAYS));
        }
        String idle = register("Idle", "B", registeredAt, "");
        visit(idle);
        purchase(idle, "I-1", "800.00", now.minus(400, ChronoUnit.DAYS));
        String neglected = register("Neglected", "A", now.minus(10, ChronoUnit.DAYS), "");
        purchase(neglected, "N-1", "50.00", now.minus(9, ChronoUnit.DAYS));
        String lost = register("Lost", "B", registeredAt, "");
        purchase(lost, "X-1", "700.00", now.minus(30, ChronoUnit.DAYS));
        assertThat(commands.post("/api/customers/" + lost + "/archive", "manager",
                "{\"reason\": \"went to a competitor\"}").status()).isEqualTo(200);
        String cancelled = register("Cancelled", "B", registeredAt, "");
        visit(cancelled);
        purchase(cancelled, "C-1", "999.00", now.minus(5, ChronoUnit.DAYS));
        assertThat(commands.post("/api/customers/" + cancelled + "/purchases/1/cancel", "sales",
                "{\"reason\": \"booked for the wrong customer\"}").status()).isEqualTo(200);
        assertThat(commands.put("/api/customers/" + first + "/referrer", "sales",
                "{\"referredBy\": \"%s\", \"reason\": \"introduced by Best\"}".formatted(best)).status()).isEqualTo(200);
        String last = cancelled;
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + last + "?minVersion=4",
                "manager").status() == 200 && queries.get("/api/profiles/" + first + "?minVersion=4", "manager")
                .status() == 200);

        Map<String, String> names = Map.of(prospect, "Prospect", first, "First", repeat, "Repeat", best, "Best",
                idle, "Idle", neglected, "Neglected", lost, "Lost", cancelled, "Cancelled");
        Map<String, String> expectedStage = new LinkedHashMap<>();
        expectedStage.put(prospect, "PROSPECT");
        expectedStage.put(first, "FIRST_PURCHASE");
        expectedStage.put(repeat, "REPEAT");
        expectedStage.put(best, "REPEAT");
        expectedStage.put(idle, "FIRST_PURCHASE");
        expectedStage.put(neglected, "FIRST_PURCHASE");
        expectedStage.put(lost, "LOST");
        expectedStage.put(cancelled, "PROSPECT");
        for (Map.Entry<String, String> expected : expectedStage.entrySet()) {
            JsonNode profile = queries.get("/api/profiles/" + expected.getKey(), "manager").json();
            assertThat(profile.at("/lifecycle/stage").asString()).as(names.get(expected.getKey()))
                    .isEqualTo(expected.getValue());
        }
        JsonNode bestProfile = ExactJson.of(queries.get("/api/profiles/" + best, "manager"));
        assertThat(bestProfile.at("/purchases/count").asInt()).isEqualTo(4);
        assertThat(bestProfile.at("/purchases/total").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(bestProfile.at("/purchases/totals").toString()).isEqualTo("""
                [{"currency":"CNY","amount":4000.00}]""");
        assertThat(bestProfile.at("/card/purchase/totalAmount").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(bestProfile.at("/value/referrals").asInt()).isEqualTo(1);
        assertThat(bestProfile.at("/value/referredPurchaseTotal").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(queries.get("/api/profiles/" + first, "manager").json().get("referredBy").asString()).isEqualTo(best);
        JsonNode lostProfile = queries.get("/api/profiles/" + lost, "manager").json();
        assertThat(lostProfile.at("/lifecycle/reason").asString()).isEqualTo("went to a competitor");
        JsonNode cancelledPurchases = queries.get("/api/profiles/" + cancelled + "/purchases", "manager").json();
        assertThat(cancelledPurchases.get(0).get("cancelled").asBoolean()).isTrue();
        assertThat(queries.get("/api/profiles/" + cancelled, "manager").json().at("/purchases/count").asInt()).isZero();

        // the churn warning: a year without a purchase, or overdue by twice the cadence (grade A: 2 days)
        JsonNode atRisk = queries.get("/api/reports/at-risk?ownerId=" + owner, "manager").json();
        Map<String, String> reasons = new LinkedHashMap<>();
        atRisk.forEach(row -> reasons.put(row.get("customerId").asString(), row.get("reason").asString()));
        assertThat(reasons).containsOnlyKeys(idle, neglected);
        assertThat(reasons.get(idle)).isEqualTo("no purchase for a year");
        assertThat(reasons.get(neglected)).isEqualTo("overdue by twice the grade's cadence");
        assertThat(atRisk.get(0).get("customerId").asString()).isEqualTo(idle);

        JsonNode lifecycle = queries.get("/api/reports/lifecycle?ownerId=" + owner, "manager").json();
        assertThat(lifecycle.at("/stages/PROSPECT").asInt()).isEqualTo(2);
        assertThat(lifecycle.at("/stages/FIRST_PURCHASE").asInt()).isEqualTo(3);
        assertThat(lifecycle.at("/stages/REPEAT").asInt()).isEqualTo(2);
        assertThat(lifecycle.at("/stages/LOYAL").asInt()).isZero();
        assertThat(lifecycle.at("/stages/LOST").asInt()).isEqualTo(1);
        assertThat(lifecycle.get("atRisk").asInt()).isEqualTo(2);

        // value: the best customer first; customers with no purchase score below every active buyer
        JsonNode value = queries.get("/api/reports/value?ownerId=" + owner, "manager").json();
        assertThat(value.get(0).get("customerId").asString()).isEqualTo(best);
        Map<String, Integer> scores = new LinkedHashMap<>();
        value.forEach(row -> scores.put(row.get("customerId").asString(), row.at("/value/score").asInt()));
        assertThat(scores.values()).allSatisfy(score -> assertThat(score).isBetween(0, 100));
        for (String buyer : List.of(first, repeat, best, idle)) {
            assertThat(scores.get(buyer)).as(names.get(buyer)).isGreaterThan(scores.get(prospect))
                    .isGreaterThan(scores.get(cancelled));
        }

        JsonNode referrals = ExactJson.of(queries.get("/api/reports/referrals", "manager"));
        JsonNode bestReferrals = findBy(referrals, best);
        assertThat(bestReferrals.get("referred").asInt()).isEqualTo(1);
        assertThat(bestReferrals.get("referredPurchaseTotal").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(bestReferrals.get("totals").toString()).isEqualTo("""
                [{"currency":"CNY","amount":100.00}]""");

        // the agenda of the owner: greetings, overdue and at-risk customers, each with its urgency
        JsonNode agenda = queries.get("/api/agenda?ownerId=" + owner, "manager").json();
        assertThat(item(agenda, "BIRTHDAY", prospect).get("urgency").asString()).isEqualTo("URGENT");
        assertThat(item(agenda, "BIRTHDAY", prospect).get("date").asString()).isEqualTo(today.plusDays(5).toString());
        assertThat(item(agenda, "FOUNDING_ANNIVERSARY", best).get("urgency").asString()).isEqualTo("SOON");
        assertThat(item(agenda, "OVERDUE", neglected).get("urgency").asString()).isEqualTo("URGENT");
        assertThat(item(agenda, "AT_RISK", idle).get("detail").asString()).isEqualTo("no purchase for a year");

        // the statistics by owner: the same figures as JSON and as CSV
        String period = "from=" + today.minusYears(2) + "&to=" + today.plusDays(1);
        JsonNode statistics = findByKey(ExactJson.of(queries.get("/api/reports/statistics?" + period + "&by=owner",
                "manager")), owner);
        // by hand: all eight registered in the period, six of them visited once; the purchases of Best 4 x 1000.00,
        // Repeat 2 x 500.00, First 100.00, Idle 800.00, Neglected 50.00 and Lost 700.00 (Cancelled's was cancelled)
        assertThat(statistics.get("customers").asInt()).isEqualTo(8);
        assertThat(statistics.get("newCustomers").asInt()).isEqualTo(8);
        assertThat(statistics.get("visits").asInt()).isEqualTo(6);
        assertThat(statistics.get("purchases").asInt()).isEqualTo(4 + 2 + 1 + 1 + 1 + 1);
        assertThat(statistics.get("complaints").asInt()).isZero();
        List<Map<String, String>> csv = Csv.rows(queries.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/reports/statistics?" + period + "&by=owner")).header("Accept", "text/csv").GET(), "manager")
                .raw().body());
        // every purchase here is in CNY (100 + 2 x 500 + 4 x 1000 + 800 + 50 + 700, the cancelled 999 left out): one
        // line of totals, so one CSV row, and purchaseTotal names the same sum
        assertThat(statistics.get("totals").toString()).isEqualTo("""
                [{"currency":"CNY","amount":6650.00}]""");
        assertThat(statistics.get("purchaseTotal").decimalValue()).isEqualByComparingTo("6650.00");
        Map<String, String> csvRow = csv.stream().filter(row -> row.get("key").equals(owner)).collect(
                java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), rows -> {
                    assertThat(rows).hasSize(1);
                    return rows.get(0);
                }));
        assertThat(csvRow.get("currency")).isEqualTo("CNY");
        assertThat(csvRow.get("totals")).isEqualTo("6650.00");
        statistics.properties().forEach(field -> {
            if (field.getKey().equals("totals") || field.getKey().equals("drill")) {
                return;
            }
            if (field.getValue().isNumber()) {
                assertThat(new java.math.BigDecimal(csvRow.get(field.getKey()))).as(field.getKey())
                        .isEqualByComparingTo(field.getValue().decimalValue());
            } else {
                assertThat(csvRow.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue().asString());
            }
        });
        List<String> columns = iterable(statistics.propertyNames());
        columns.remove("drill");
        columns.add(columns.indexOf("totals"), "currency");
        assertThat(csvRow.keySet()).containsExactlyElementsOf(columns);
    }

    @Test
    void loyal_needs_a_purchase_in_each_of_the_four_calendar_quarters_before_the_current_one() {
        Instant registeredAt = Instant.parse("2024-01-10T00:00:00Z");
        String loyalOwner = owner + "-loyal";
        String loyal = register(loyalOwner, "Loyal", "B", registeredAt, "");
        // in Beijing time: 2024-04-01 00:00, 2024-08-15 08:00, 2024-11-15 08:00, 2025-03-31 23:59:59
        purchasesAt(loyal, "2024-03-31T16:00:00Z", "2024-08-15T00:00:00Z", "2024-11-15T00:00:00Z", "2025-03-31T15:59:59Z");
        String gapOwner = owner + "-gap";
        String gap = register(gapOwner, "Gap", "B", registeredAt, "");
        // in Beijing time: 2024-03-31 23:59:59, 2024-08-15 08:00, 2024-11-15 08:00, 2025-02-14 08:00, 2025-04-01 00:00
        purchasesAt(gap, "2024-03-31T15:59:59Z", "2024-08-15T00:00:00Z", "2024-11-15T00:00:00Z", "2025-02-14T00:00:00Z",
                "2025-03-31T16:00:00Z");
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + loyal + "?minVersion=5",
                "manager").status() == 200 && queries.get("/api/profiles/" + gap + "?minVersion=6", "manager")
                .status() == 200);

        // judged at an instant, its quarter and the four before it (Beijing time, the default zone), by hand:
        //   2025-05-20 08:00 and 2025-06-30 23:59:59 fall in 2025 Q2: the four are 2024 Q2 (from 2024-04-01) to 2025 Q1;
        //   2025-07-01 00:00 (2025-06-30T16:00Z) falls in 2025 Q3: the four are 2024 Q3 (from 2024-07-01) to 2025 Q2
        Map<String, List<String>> loyalAndGapAt = new LinkedHashMap<>();
        loyalAndGapAt.put("2025-05-20T00:00:00Z", List.of("LOYAL", "REPEAT"));
        loyalAndGapAt.put("2025-06-30T15:59:59Z", List.of("LOYAL", "REPEAT"));
        loyalAndGapAt.put("2025-06-30T16:00:00Z", List.of("REPEAT", "LOYAL"));
        loyalAndGapAt.forEach((asOf, stages) -> {
            assertThat(LifecycleStages.stageAt(queries, asOf, loyalOwner)).as("Loyal at " + asOf).isEqualTo(stages.get(0));
            assertThat(LifecycleStages.stageAt(queries, asOf, gapOwner)).as("Gap at " + asOf).isEqualTo(stages.get(1));
        });
    }

    @Test
    void stale_needs_a_review_or_a_card_change_and_overdue_honours_the_agreed_date_and_return_visits() {
        String customer = register("Stale", "E", now.minus(400, ChronoUnit.DAYS), "");
        assertThat(commands.post("/api/customers/" + customer + "/complaints", "sales", """
                {"category": "SERVICE_ATTITUDE", "severity": "LOW", "description": "late call back", "channel": "phone"}""")
                .status()).isEqualTo(201);
        JsonNode filed = profile(customer, 2);
        assertThat(filed.get("stale").asBoolean()).as("a complaint does not make a card fresh").isTrue();
        assertThat(commands.post("/api/customers/" + customer + "/review", "sales", "{\"notes\": \"all current\"}")
                .status()).isEqualTo(200);
        JsonNode reviewed = profile(customer, 3);
        assertThat(reviewed.get("stale").asBoolean()).isFalse();
        assertThat(reviewed.get("lastReviewedAt").asString()).isNotBlank();

        // grade E: a year's cadence, but the visit agreed to call back on a day that has passed
        Instant visited = now.minus(10, ChronoUnit.DAYS);
        assertThat(commands.post("/api/customers/" + customer + "/visits", "sales", """
                {"occurredAt": "%s", "method": "PHONE", "nextFollowUpOn": "%s"}""".formatted(visited,
                today.minusDays(5))).status()).isEqualTo(201);
        assertThat(profile(customer, 4).get("overdue").asBoolean()).isTrue();
        JsonNode overdue = queries.get("/api/follow-ups/overdue?ownerId=" + owner, "manager").json();
        assertThat(overdue.get(0).get("customerId").asString()).isEqualTo(customer);
        assertThat(overdue.get(0).get("daysOverdue").asInt()).isEqualTo(5);

        // the complaint's return visit is a contact: it supersedes the agreed date
        String complaint = queries.get("/api/complaints?customerId=" + customer, "manager").json().get(0)
                .get("complaintId").asString();
        String path = "/api/customers/" + customer + "/complaints/" + complaint;
        assertThat(commands.post(path + "/assign", "sales", "{\"assignee\": \"svc-1\"}").status()).isEqualTo(200);
        assertThat(commands.post(path + "/resolve", "sales", "{\"resolution\": \"called back\", "
                + "\"responsibility\": \"OURS\"}").status()).isEqualTo(200);
        assertThat(commands.post(path + "/follow-up", "sales", "{\"satisfaction\": 4}").status()).isEqualTo(200);
        assertThat(profile(customer, 7).get("overdue").asBoolean()).isFalse();
        assertThat(queries.get("/api/follow-ups/overdue?ownerId=" + owner, "manager").json().isEmpty()).isTrue();
    }

    private JsonNode profile(String customer, long version) {
        Api.Response answer = queries.get("/api/profiles/" + customer + "?minVersion=" + version, "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json();
    }

    private String register(String name, String grade, Instant at, String moreBasic) {
        return register(owner, name, grade, at, moreBasic);
    }

    private String register(String ownerId, String name, String grade, Instant at, String moreBasic) {
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "%s",
                 "ownerId": "%s", "occurredAt": "%s", "card": {"basic": {"name": "%s"%s}}}"""
                .formatted(grade, ownerId, at, name, moreBasic));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private void visit(String customer) {
        assertThat(commands.post("/api/customers/" + customer + "/visits", "sales", "{\"method\": \"PHONE\"}").status())
                .isEqualTo(201);
    }

    private void purchase(String customer, String orderRef, String amount, Instant at) {
        Api.Response bought = commands.post("/api/customers/" + customer + "/purchases", "sales", """
                {"occurredAt": "%s", "product": "tea", "quantity": 1, "amount": %s, "orderRef": "%s"}"""
                .formatted(at, amount, orderRef));
        assertThat(bought.status()).as(bought.raw().body()).isEqualTo(201);
    }

    /** One purchase at each instant, numbered from 1. */
    private void purchasesAt(String customer, String... instants) {
        for (int i = 0; i < instants.length; i++) {
            purchase(customer, "P-" + (i + 1), "300.00", Instant.parse(instants[i]));
        }
    }

    private static JsonNode findBy(JsonNode rows, String customerId) {
        for (JsonNode row : rows) {
            if (row.get("customerId").asString().equals(customerId)) {
                return row;
            }
        }
        throw new AssertionError(customerId + " not in " + rows);
    }

    private static JsonNode findByKey(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.get("key").asString().equals(key)) {
                return row;
            }
        }
        throw new AssertionError(key + " not in " + rows);
    }

    private static JsonNode item(JsonNode agenda, String kind, String customerId) {
        for (JsonNode item : agenda) {
            if (item.get("kind").asString().equals(kind) && item.get("customerId").asString().equals(customerId)) {
                return item;
            }
        }
        throw new AssertionError(kind + " for " + customerId + " not in " + agenda);
    }

    private static List<String> iterable(java.util.Collection<String> names) {
        return new ArrayList<>(names);
    }
}
