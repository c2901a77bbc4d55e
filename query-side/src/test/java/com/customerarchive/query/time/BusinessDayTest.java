package com.customerarchive.query.time;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.LifecycleStages;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The business day turns at midnight in Asia/Shanghai (archive.zone's default), by HTTP through both apps: events at
 * 2026-03-31T15:30Z (23:30 on 31 March in Beijing) and 2026-03-31T16:30Z (00:30 on 1 April) fall on either side of
 * a month end and a quarter end; the profile as it stood at the end of a business day, as known now or by an instant.
 */
class BusinessDayTest extends BothAppsTest {

    private static final String LATE_ON_31_MARCH = "2026-03-31T15:30:00Z";
    private static final String EARLY_ON_1_APRIL = "2026-03-31T16:30:00Z";

    @LocalServerPort
    int port;

    private Api commands;
    private Api queries;
    private String run;

    @BeforeEach
    void setUp() {
        commands = new Api(COMMAND_SIDE.baseUrl());
        queries = new Api("http://localhost:" + port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_period_given_as_a_date_and_the_quarters_of_lifecycle_turn_at_midnight_in_shanghai() {
        String lateOwner = "late-" + run;
        String earlyOwner = "early-" + run;
        String late = register(lateOwner, "C", "2025-01-10T00:00:00Z");
        String early = register(earlyOwner, "C", "2025-01-10T00:00:00Z");
        for (String customer : List.of(late, early)) {
            purchase(customer, "Q2-2025", "2025-05-15T04:00:00Z");
            purchase(customer, "Q3-2025", "2025-08-15T04:00:00Z");
            purchase(customer, "Q4-2025", "2025-11-15T04:00:00Z");
        }
        purchase(late, "LAST", LATE_ON_31_MARCH);
        visit(late, LATE_ON_31_MARCH, null);
        purchase(early, "LAST", EARLY_ON_1_APRIL);
        visit(early, EARLY_ON_1_APRIL, null);
        seen(late, 6);
        seen(early, 6);

        // from=2026-04-01 is 2026-03-31T16:00Z: the 00:30 purchase and visit count, the 23:30 ones do not
        String april = "from=2026-04-01&to=2026-04-02";
        assertThat(activityVisits(april, earlyOwner)).isEqualTo(1);
        assertThat(activityVisits(april, lateOwner)).isZero();
        String march = "from=2026-03-31&to=2026-04-01";
        assertThat(activityVisits(march, earlyOwner)).isZero();
        assertThat(activityVisits(march, lateOwner)).isEqualTo(1);
        JsonNode statistics = queries.get("/api/reports/statistics?by=owner&" + april, "manager").json();
        assertThat(figure(statistics, earlyOwner, "purchases")).isEqualTo(1);
        assertThat(figure(statistics, lateOwner, "purchases")).isZero();

        // on 2 April the last four quarters are Q2 2025 to Q1 2026: 23:30 on 31 March is Q1, 00:30 on 1 April is Q2
        assertThat(LifecycleStages.stageAt(queries, "2026-04-02", lateOwner)).isEqualTo("LOYAL");
        assertThat(LifecycleStages.stageAt(queries, "2026-04-02", earlyOwner)).isEqualTo("REPEAT");
    }

    @Test
    void a_follow_up_agreed_for_a_day_is_overdue_from_midnight_after_it_in_shanghai() {
        String owner = "due-" + run;
        String customer = register(owner, "D", "2026-03-01T02:00:00Z");
        visit(customer, LATE_ON_31_MARCH, "2026-04-01");
        seen(customer, 2);

        // 2026-04-01T15:59Z is 23:59 on 1 April in Beijing: the agreed day has not passed; 16:01Z is 00:01 on 2 April
        assertThat(overdue(owner, "2026-04-01T15:59:00Z")).isEmpty();
        assertThat(overdue(owner, "2026-04-01T16:01:00Z")).containsExactly(customer + " 1");
        assertThat(overdue(owner, "2026-04-02")).containsExactly(customer + " 1");
        assertThat(overdueProfiles(owner, "2026-04-01T15:59:00Z")).isZero();
        assertThat(overdueProfiles(owner, "2026-04-01T16:01:00Z")).isEqualTo(1);
    }

    @Test
    void the_card_on_a_business_day_counts_what_happened_by_its_end_as_known_now_or_as_known_then() throws Exception {
        String owner = "on-" + run;
        String customer = register(owner, "D", "2026-03-01T02:00:00Z");
        visit(customer, "2026-03-10T02:00:00Z", null);
        Thread.sleep(20);
        Instant knownAt = Instant.now();
        Thread.sleep(20);
        visit(customer, "2026-03-05T02:00:00Z", null);
        visit(customer, "2026-03-15T16:30:00Z", null);
        seen(customer, 4);

        // the end of 15 March in Beijing is 2026-03-15T16:00Z: the visit at 00:30 on 16 March is after it
        JsonNode asKnownNow = asOf(customer, "on=2026-03-15");
        assertThat(asKnownNow.get("asOf").asString()).isEqualTo("2026-03-15T16:00:00Z");
        assertThat(asKnownNow.get("visitCount").asInt()).isEqualTo(2);
        assertThat(asKnownNow.get("lastContactAt").asString()).isEqualTo("2026-03-10T02:00:00Z");
        // as known at knownAt: the back-dated visit of 5 March was not yet recorded
        JsonNode asKnownThen = asOf(customer, "on=2026-03-15&knownAt=" + knownAt);
        assertThat(asKnownThen.get("visitCount").asInt()).isEqualTo(1);
        assertThat(asKnownThen.get("lastContactAt").asString()).isEqualTo("2026-03-10T02:00:00Z");
        assertThat(asOf(customer, "on=2026-03-16").get("visitCount").asInt()).isEqualTo(3);
        // before the registration happened there is no card
        assertThat(queries.get("/api/profiles/" + customer + "/as-of?on=2026-02-28", "auditor").status())
                .isEqualTo(404);

        Api.Response badDate = queries.get("/api/profiles/" + customer + "/as-of?on=2026-02-30", "auditor");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badDate.raw().body()).contains("\"on\"");
        Api.Response knownAtAlone = queries.get("/api/profiles/" + customer + "/as-of?knownAt=" + knownAt, "auditor");
        assertThat(knownAtAlone.status()).isEqualTo(400);
        assertThat(knownAtAlone.raw().body()).contains("knownAt");
        assertThat(queries.get("/api/profiles/" + customer + "/as-of?on=2026-03-15&at=" + knownAt, "auditor")
                .status()).isEqualTo(400);
    }

    /** Waits until the read models hold the customer's first {@code version} events. */
    private void seen(String customer, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + customer + "?minVersion="
                + version, "manager").status() == 200);
    }

    private JsonNode asOf(String customer, String query) {
        Api.Response answer = queries.get("/api/profiles/" + customer + "/as-of?" + query, "auditor");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json();
    }

    /** The owner's overdue customers as "id daysOverdue". */
    private List<String> overdue(String owner, String asOf) {
        Api.Response answer = queries.get("/api/follow-ups/overdue?ownerId=" + owner + "&asOf=" + asOf, "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        answer.json().forEach(row -> found.add(row.get("customerId").asString() + " " + row.get("daysOverdue").asLong()));
        return found;
    }

    private long overdueProfiles(String owner, String asOf) {
        Api.Response answer = queries.get("/api/profiles?overdue=true&ownerId=" + owner + "&asOf=" + asOf, "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json().get("total").asLong();
    }

    /** The owner's visits in the activity report of the period (0 when the owner has no row). */
    private long activityVisits(String period, String owner) {
        Api.Response answer = queries.get("/api/reports/activity?" + period + "&ownerId=" + owner, "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        for (JsonNode row : answer.json().get("owners")) {
            if (row.get("ownerId").asString().equals(owner)) {
                return row.get("visits").asLong();
            }
        }
        return 0;
    }

    private static long figure(JsonNode rows, String key, String field) {
        for (JsonNode row : rows) {
            if (row.get("key").asString().equals(key)) {
                return row.get(field).asLong();
            }
        }
        return 0;
    }

    private String register(String ownerId, String grade, String at) {
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "%s",
                 "ownerId": "%s", "occurredAt": "%s", "card": {"basic": {"name": "Zone %s"}}}"""
                .formatted(grade, ownerId, at, ownerId));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private void visit(String customer, String at, String nextFollowUpOn) {
        Api.Response visited = commands.post("/api/customers/" + customer + "/visits", "sales", """
                {"method": "PHONE", "occurredAt": "%s"%s}""".formatted(at,
                nextFollowUpOn == null ? "" : ", \"nextFollowUpOn\": \"" + nextFollowUpOn + "\""));
        assertThat(visited.status()).as(visited.raw().body()).isEqualTo(201);
    }

    private void purchase(String customer, String orderRef, String at) {
        Api.Response bought = commands.post("/api/customers/" + customer + "/purchases", "sales", """
                {"occurredAt": "%s", "product": "tea", "quantity": 1, "amount": 100.00, "currency": "CNY",
                 "orderRef": "%s"}""".formatted(at, orderRef));
        assertThat(bought.status()).as(bought.raw().body()).isEqualTo(201);
    }
}
