package com.customerarchive.query.route;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.TestUsers;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The route card (客户卡运用及管理) over HTTP on real PostgreSQL, owner-scoped. A manager puts four outlets on route
 * R-&lt;token&gt;; the plan of 2026-W49 (Monday 30 November to Sunday 6 December, ISO week 49: week 1 of the four-week
 * cycle, (49 − 1) mod 4 + 1) worked out by hand:
 * <pre>
 *   seq  outlet  rep   visitWeeks  weekday    due in W49        visited in W49
 *   1    O1      rep1  [1, 3]      FRIDAY     2026-12-04        no
 *   2    O2      rep2  [2, 4]      MONDAY     — (weeks 2 and 4)
 *   3    O3      rep2  [1]         MONDAY     2026-11-30        yes (1 December)
 *   4    O4      rep1  [1,2,3,4]   WEDNESDAY  2026-12-02        no (last seen 20 November)
 * </pre>
 * O1's shelf of PET500 over three checks (no target configured for its trade type: the catalogue's default, 10 cases):
 * stock 6 (first: no sales known, order 10 − 6 = 4); delivered 24, stock 9 (sold 6 + 24 − 9 = 21, order 1); stock 40
 * with nothing delivered (sold would be −31: refused); corrected — the last check's 9 was really 45 — stock 40
 * (sold 5, order 0).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RouteIT {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 6);
    private static final String REP1 = "route-rep1-" + TOKEN;
    private static final String REP2 = "route-rep2-" + TOKEN;
    private static final String ROUTE = "R-" + TOKEN;

    private static final List<AppProcess> apps = new ArrayList<>();
    private static Api commands;
    private static Api queries;

    @BeforeAll
    static void start() {
        Map<String, String> environment = Map.of("SPRING_APPLICATION_JSON",
                TestUsers.json(new String[][]{{REP1, "SALES"}, {REP2, "SALES"}}));
        AppProcess c = AppProcess.startOwnerScoped("command-side", environment);
        apps.add(c);
        AppProcess q = AppProcess.startOwnerScoped("query-side", environment);
        apps.add(q);
        commands = new Api(c.baseUrl());
        queries = new Api(q.baseUrl());
    }

    @AfterAll
    static void stop() {
        apps.forEach(AppProcess::stop);
    }

    @Test
    void a_route_lists_its_outlets_in_order_and_its_plan_says_who_is_due_and_who_was_seen() {
        String o1 = outlet(REP1, "一号便利店", 1, "[1, 3]", "FRIDAY");
        String o2 = outlet(REP2, "二号超市", 2, "[2, 4]", "MONDAY");
        String o3 = outlet(REP2, "三号饭店", 3, "[1]", "MONDAY");
        String o4 = outlet(REP1, "四号面包店", 4, "[1, 2, 3, 4]", "WEDNESDAY");
        visit(REP2, o3, "2026-12-01T02:00:00Z");
        visit(REP1, o4, "2026-11-20T02:00:00Z");
        for (String outlet : List.of(o1, o2, o3, o4)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + outlet + "?minVersion="
                    + (outlet.equals(o3) || outlet.equals(o4) ? 3 : 2), "manager").status() == 200);
        }

        JsonNode route = queries.get("/api/routes/" + ROUTE, "manager").json();
        assertThat(route.get("outlets").valueStream().map(node -> node.get("sequence").asInt() + " "
                + node.get("name").asString()).toList())
                .containsExactly("1 一号便利店", "2 二号超市", "3 三号饭店", "4 四号面包店");

        JsonNode plan = queries.get("/api/routes/" + ROUTE + "/plan?week=2026-W49", "manager").json();
        assertThat(plan.get("cycleWeek").asInt()).isEqualTo(1);
        assertThat(plan.get("from").asString()).isEqualTo("2026-11-30");
        assertThat(plan.get("due").valueStream().map(node -> node.get("sequence").asInt() + " "
                + node.get("date").asString() + " " + node.get("visited").asBoolean()).toList())
                .containsExactly("1 2026-12-04 false", "3 2026-11-30 true", "4 2026-12-02 false");
        // a rep's plan holds its own outlets only
        JsonNode own = queries.get("/api/routes/" + ROUTE + "/plan?week=2026-W49", REP1).json();
        assertThat(own.get("due").valueStream().map(node -> node.get("customerId").asString()).toList())
                .containsExactly(o1, o4);
        assertThat(queries.get("/api/routes/" + ROUTE + "/plan?week=2026-49", "manager").status()).isEqualTo(400);
    }

    @Test
    void a_store_check_derives_the_sales_refuses_what_cannot_be_and_takes_a_correction() {
        String o1 = outlet(REP1, "检查便利店", 1, "[1, 3]", "FRIDAY");
        JsonNode first = check(o1, "{\"sku\": \"PET500\", \"stock\": 6, \"facings\": 4, \"merchandised\": true}");
        assertThat(first.at("/storeCheck/0/suggestedOrder").decimalValue()).isEqualByComparingTo("4");
        assertThat(first.at("/storeCheck/0/sold").isMissingNode() || first.at("/storeCheck/0/sold").isNull()).isTrue();
        JsonNode second = check(o1, "{\"sku\": \"PET500\", \"stock\": 9, \"delivered\": 24}");
        assertThat(second.at("/storeCheck/0/sold").decimalValue()).isEqualByComparingTo("21");
        assertThat(second.at("/storeCheck/0/suggestedOrder").decimalValue()).isEqualByComparingTo("1");

        Api.Response refused = commands.post("/api/customers/" + o1 + "/visits", REP1, """
                {"method": "ON_SITE_VISIT", "storeCheck": [{"sku": "PET500", "stock": 40}]}""");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("/store-check-inconsistent");
        assertThat(refused.json().get("sku").asString()).isEqualTo("PET500");
        assertThat(refused.json().get("previousStock").decimalValue()).isEqualByComparingTo("9");
        assertThat(refused.json().get("stock").decimalValue()).isEqualByComparingTo("40");

        JsonNode corrected = check(o1, """
                {"sku": "PET500", "stock": 40, "correctedPreviousStock": 45, "correctionReason": "上次把45记成了9"}""");
        assertThat(corrected.at("/storeCheck/0/previousStock").decimalValue()).isEqualByComparingTo("45");
        assertThat(corrected.at("/storeCheck/0/sold").decimalValue()).isEqualByComparingTo("5");
        assertThat(corrected.at("/storeCheck/0/suggestedOrder").decimalValue()).isEqualByComparingTo("0");

        // the team leader writes back on the card about the second check; it waits on the rep's agenda until acknowledged
        Api.Response byRep = commands.post("/api/customers/" + o1 + "/remarks", REP1, "{\"visitNo\": 2, \"text\": \"x\"}");
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(byRep.json().get("type").asString()).endsWith("/remark-needs-lead");
        Api.Response noVisit = commands.post("/api/customers/" + o1 + "/remarks", "manager",
                "{\"visitNo\": 9, \"text\": \"x\"}");
        assertThat(noVisit.status()).isEqualTo(409);
        assertThat(noVisit.json().get("type").asString()).endsWith("/remark-visit-unknown");
        Api.Response remark = commands.post("/api/customers/" + o1 + "/remarks", "manager",
                "{\"visitNo\": 2, \"text\": \"PET500 卖得快，把目标库存提到20箱\"}");
        assertThat(remark.status()).as(remark.raw().body()).isEqualTo(201);
        assertThat(remark.json().get("remarkNo").asInt()).isEqualTo(1);
        long version = remark.json().get("version").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + o1 + "?minVersion=" + version,
                REP1).status() == 200);
        List<String> remarks = queries.get("/api/agenda", REP1).json().valueStream()
                .filter(item -> item.get("kind").asString().equals("REMARK"))
                .map(item -> item.get("customerId").asString() + " " + item.get("detail").asString()).toList();
        assertThat(remarks).containsExactly(o1 + " remark 1 from manager: PET500 卖得快，把目标库存提到20箱");
        Api.Response seen = commands.post("/api/customers/" + o1 + "/remarks/1/acknowledge", REP1, "{}");
        assertThat(seen.status()).as(seen.raw().body()).isEqualTo(200);
        long after = seen.json().get("version").asLong();
        JsonNode card = await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + o1
                + "?minVersion=" + after, REP1), answer -> answer.status() == 200).json();
        assertThat(card.at("/remarks/0/acknowledged").asBoolean()).isTrue();
        assertThat(card.at("/remarks/0/visitNo").asInt()).isEqualTo(2);
        assertThat(queries.get("/api/agenda", REP1).json().valueStream()
                .noneMatch(item -> item.get("kind").asString().equals("REMARK"))).isTrue();

        Api.Response unknown = commands.post("/api/customers/" + o1 + "/visits", REP1, """
                {"method": "ON_SITE_VISIT", "storeCheck": [{"sku": "COLA2L", "stock": 1}]}""");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw().body()).contains("storeCheck[0].sku");
        Api.Response noReason = commands.post("/api/customers/" + o1 + "/visits", REP1, """
                {"method": "ON_SITE_VISIT", "storeCheck": [{"sku": "PET500", "stock": 1, "correctedPreviousStock": 2}]}""");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.raw().body()).contains("storeCheck[0].correctionReason");
    }

    @Test
    void only_a_lead_puts_an_outlet_on_a_route_and_the_route_must_make_sense() {
        String customer = register(REP1, "路线外客户");
        Api.Response byRep = commands.put("/api/customers/" + customer + "/route", REP1, route(1, "[1]", "MONDAY", "12"));
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(byRep.json().get("type").asString()).endsWith("/route-needs-lead");
        Api.Response weekFive = commands.put("/api/customers/" + customer + "/route", "manager",
                route(1, "[1, 5]", "MONDAY", "12"));
        assertThat(weekFive.status()).isEqualTo(400);
        assertThat(weekFive.raw().body()).contains("visitWeeks");
        Api.Response unknownType = commands.put("/api/customers/" + customer + "/route", "manager",
                route(1, "[1]", "MONDAY", "99"));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.raw().body()).contains("tradeType");
    }

    private static String route(int sequence, String weeks, String weekday, String tradeType) {
        return """
                {"route": {"branch": "杭州所", "routeNo": "%s", "sequence": %d, "visitWeeks": %s, "weekday": "%s"},
                 "tradeType": "%s"}""".formatted(ROUTE, sequence, weeks, weekday, tradeType);
    }

    private static String register(String rep, String name) {
        Api.Response created = commands.post("/api/customers", rep, """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EVENT", "grade": "C",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"}}, "occurredAt": "2026-10-01T02:00:00Z"}"""
                .formatted(rep, name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private static String outlet(String rep, String name, int sequence, String weeks, String weekday) {
        String customer = register(rep, name);
        Api.Response routed = commands.put("/api/customers/" + customer + "/route", "manager",
                route(sequence, weeks, weekday, "12"));
        assertThat(routed.status()).as(routed.raw().body()).isEqualTo(200);
        return customer;
    }

    private static void visit(String rep, String customer, String at) {
        Api.Response visited = commands.post("/api/customers/" + customer + "/visits", rep,
                "{\"method\": \"ON_SITE_VISIT\", \"occurredAt\": \"" + at + "\"}");
        assertThat(visited.status()).as(visited.raw().body()).isEqualTo(201);
    }

    private static JsonNode check(String customer, String line) {
        Api.Response checked = commands.post("/api/customers/" + customer + "/visits", REP1,
                "{\"method\": \"ON_SITE_VISIT\", \"storeCheck\": [" + line + "]}");
        assertThat(checked.status()).as(checked.raw().body()).isEqualTo(201);
        return checked.json();
    }
}
