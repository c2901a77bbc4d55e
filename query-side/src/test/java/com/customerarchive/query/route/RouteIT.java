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
    private static final String REP3 = "route-rep3-" + TOKEN;
    private static final String REP4 = "route-rep4-" + TOKEN;
    private static final String WEEKS_ROUTE = "RW-" + TOKEN;
    private static final String NEW_SKU = "T" + TOKEN.toUpperCase();

    private static final List<AppProcess> apps = new ArrayList<>();
    private static Api commands;
    private static Api queries;

    @BeforeAll
    static void start() {
        Map<String, String> environment = Map.of("SPRING_APPLICATION_JSON",
                TestUsers.json(new String[][]{{REP1, "SALES"}, {REP2, "SALES"}, {REP3, "SALES"}, {REP4, "SALES"}}));
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

    /**
     * The route card's reports against a route worked out by hand: eight outlets on route RW-&lt;token&gt; (branch 杭州所),
     * O1–O4 rep3's and O5–O8 rep4's, over ISO weeks 44 to 47 of 2026 in the business zone (Asia/Shanghai). Week 44 runs
     * from Monday 26 October to Sunday 1 November: it crosses a month end, and its first and last hours are the evening
     * before in UTC. Weeks of the four-week cycle: W44 → 4, W45 → 1, W46 → 2, W47 → 3 ((ISO week − 1) mod 4 + 1).
     * <pre>
     *   outlet rep  weeks    type  on the route from
     *   O1     rep3 [1,3]    12    5 Oct
     *   O2     rep3 [2,4]    12    5 Oct; 16 from 2026-10-31T16:30Z (1 Nov 00:30 in the zone)
     *   O3     rep3 [1,2,3,4] 13   5 Oct
     *   O4     rep3 [4]      21    5 Oct (a Friday outlet rep3 skips)
     *   O5     rep4 [1,3]    14    5 Oct
     *   O6     rep4 [2,4]    22    5 Oct
     *   O7     rep4 [1,2,3,4] 13   5 Oct
     *   O8     rep4 [1,3]    12    3 Nov (a new outlet in W45)
     *
     *   visit (UTC)            zone day   week  outlet  store check (SKU stock/delivered, m = merchandised)
     *   2026-10-25T17:00Z      Mon 26 Oct W44   O3      PET500 8/12
     *   2026-10-27T02:00Z      Tue 27 Oct W44   O2      PET500 5/0 m, CAN340 0/0
     *   2026-10-29T02:00Z      Thu 29 Oct W44   O5      (no check; off plan)
     *   2026-10-31T03:00Z      Sat 31 Oct W44   O7      PET500 3/0
     *   2026-10-31T17:30Z      Sun  1 Nov W44   O6      PET500 0/0, CAN340 6/6 m
     *   2026-11-01T16:30Z      Mon  2 Nov W45   O1      PET500 4/10
     *   2026-11-03T03:00Z      Tue  3 Nov W45   O8      PET500 0/0, CAN340 0/0
     *   2026-11-04T02:00Z      Wed  4 Nov W45   O3      PET500 2/6 (sold 12), CAN340 3/3
     *   2026-11-07T03:00Z      Sat  7 Nov W45   O7      PET500 1/0 m (sold 2); a purchase at 03:30Z (a buyer)
     *   2026-11-03T03:30Z      Tue  3 Nov W45   O8      a purchase, cancelled (no buyer)
     *   2026-11-05T02:00Z      Thu  5 Nov W45   O5      a phone call (no call on the route: still missed)
     *   2026-11-10T02:00Z      Tue 10 Nov W46   O2      PET500 2/0 (sold 3), CAN340 4/4 (sold 0)
     *   2026-11-13T02:00Z      Fri 13 Nov W46   O6      (no check)
     *   2026-11-16T02:00Z      Mon 16 Nov W47   O1      PET500 6/5 (sold 3)
     *   2026-11-16T03:00Z      Mon 16 Nov W47   O8      PET500 5/5 (sold 0)
     *   2026-11-18T02:00Z      Wed 18 Nov W47   O3      PET500 0/0 (sold 2), CAN340 0/0 (sold 3)
     *   2026-11-19T02:00Z      Thu 19 Nov W47   O5      (no check)
     *   2026-11-20T02:00Z      Fri 20 Nov W47   O4      (no check; off plan)
     *
     *   weekly report W44   visited buyers merchandised new  cases PET500 CAN340  close rate
     *     rep3              2 (O2,O3) 1 (O3) 1 (O2)     0    12     0             50.0
     *     rep4              3 (O5,O6,O7) 1 (O6) 1 (O6)  0    0      6             33.3
     *   weekly report W45
     *     rep3              2 (O1,O3) 2      0          0    16     3  sellOut PET500 12  100.0
     *     rep4              2 (O7,O8) 1 (O7) 1 (O7)     1 (O8) 0    0  sellOut PET500 2   50.0
     *
     *   plan adherence     due made missed offPlan adherence
     *     W44 rep3         3   2    1 (O4) 0       66.7     (O2, O3, O4 due; O1's visit is W45 in the zone)
     *     W44 rep4         2   2    0      1 (O5)  100.0    (O6, O7 due)
     *     W45 rep3         2   2    0      0       100.0    (O1, O3)
     *     W45 rep4         3   2    1 (O5) 0       66.7     (O5, O7, O8)
     *     W46 rep3         2   1    1 (O3) 0       50.0     (O2, O3)
     *     W46 rep4         2   1    1 (O7) 0       50.0     (O6, O7)
     *     W47 rep3         2   2    0      1 (O4)  100.0    (O1, O3)
     *     W47 rep4         3   2    1 (O7) 0       66.7     (O5, O7, O8)
     *
     *   distribution at the end of W44 (2026-11-01T16:00Z): 7 outlets (O8 not yet); last checks: O2 PET500, O3 PET500,
     *     O6 CAN340, O7 PET500 → PET500 3/7 = 42.9, CAN340 1/7 = 14.3
     *   distribution at the end of W47: 8 outlets; last checks: O1 PET500; O2 PET500, CAN340; O3 none; O6 CAN340 (its
     *     W46 visit had no check); O7 PET500; O8 PET500 → PET500 4/8 = 50.0, CAN340 2/8 = 25.0, PET490 0.0
     *   trade types of rep3's outlets, 2026: October 12: 2, 13: 1, 21: 1; November 12: 1, 13: 1, 16: 1, 21: 1;
     *     year totals 12: 2, 13: 1, 16: 1, 21: 1
     * </pre>
     */
    @Test
    void the_route_reports_count_a_hand_worked_route_of_eight_outlets_over_four_weeks_in_the_business_zone() {
        String o1 = placed(REP3, "周报一号店", 1, "[1, 3]", "MONDAY", "12", "2026-10-05T02:00:00Z");
        String o2 = placed(REP3, "周报二号店", 2, "[2, 4]", "TUESDAY", "12", "2026-10-05T02:00:00Z");
        String o3 = placed(REP3, "周报三号店", 3, "[1, 2, 3, 4]", "WEDNESDAY", "13", "2026-10-05T02:00:00Z");
        String o4 = placed(REP3, "周报四号店", 4, "[4]", "FRIDAY", "21", "2026-10-05T02:00:00Z");
        String o5 = placed(REP4, "周报五号店", 5, "[1, 3]", "THURSDAY", "14", "2026-10-05T02:00:00Z");
        String o6 = placed(REP4, "周报六号店", 6, "[2, 4]", "FRIDAY", "22", "2026-10-05T02:00:00Z");
        String o7 = placed(REP4, "周报七号店", 7, "[1, 2, 3, 4]", "SATURDAY", "13", "2026-10-05T02:00:00Z");
        Api.Response retyped = commands.put("/api/customers/" + o2 + "/route", "manager", weeksRoute(2, "[2, 4]",
                "TUESDAY", "16", "2026-10-31T16:30:00Z"));
        assertThat(retyped.status()).as(retyped.raw().body()).isEqualTo(200);

        checked(REP3, o3, "2026-10-25T17:00:00Z", "{\"sku\": \"PET500\", \"stock\": 8, \"delivered\": 12}");
        checked(REP3, o2, "2026-10-27T02:00:00Z", "{\"sku\": \"PET500\", \"stock\": 5, \"merchandised\": true}, "
                + "{\"sku\": \"CAN340\", \"stock\": 0}");
        visit(REP4, o5, "2026-10-29T02:00:00Z");
        checked(REP4, o7, "2026-10-31T03:00:00Z", "{\"sku\": \"PET500\", \"stock\": 3}");
        checked(REP4, o6, "2026-10-31T17:30:00Z", "{\"sku\": \"PET500\", \"stock\": 0}, "
                + "{\"sku\": \"CAN340\", \"stock\": 6, \"delivered\": 6, \"merchandised\": true}");
        checked(REP3, o1, "2026-11-01T16:30:00Z", "{\"sku\": \"PET500\", \"stock\": 4, \"delivered\": 10}");
        String o8 = placed(REP4, "周报八号店", 8, "[1, 3]", "MONDAY", "12", "2026-11-03T02:00:00Z");
        checked(REP4, o8, "2026-11-03T03:00:00Z", "{\"sku\": \"PET500\", \"stock\": 0}, "
                + "{\"sku\": \"CAN340\", \"stock\": 0}");
        checked(REP3, o3, "2026-11-04T02:00:00Z", "{\"sku\": \"PET500\", \"stock\": 2, \"delivered\": 6}, "
                + "{\"sku\": \"CAN340\", \"stock\": 3, \"delivered\": 3}");
        checked(REP4, o7, "2026-11-07T03:00:00Z", "{\"sku\": \"PET500\", \"stock\": 1, \"merchandised\": true}");
        // O7 bought in W45 (a buyer without a delivery); O8's purchase that week was booked in error and cancelled
        bought(REP4, o7, "2026-11-07T03:30:00Z", "RW-O7-" + TOKEN);
        int o8Purchase = bought(REP4, o8, "2026-11-03T03:30:00Z", "RW-O8-" + TOKEN);
        Api.Response cancelled = commands.post("/api/customers/" + o8 + "/purchases/" + o8Purchase + "/cancel", REP4,
                "{\"reason\": \"录错了客户\"}");
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        // a phone call on a route outlet is a contact, not a call on the route: O5 in W45 stays missed
        Api.Response phoned = commands.post("/api/customers/" + o5 + "/visits", REP4,
                "{\"method\": \"PHONE\", \"occurredAt\": \"2026-11-05T02:00:00Z\"}");
        assertThat(phoned.status()).isEqualTo(201);
        checked(REP3, o2, "2026-11-10T02:00:00Z", "{\"sku\": \"PET500\", \"stock\": 2}, "
                + "{\"sku\": \"CAN340\", \"stock\": 4, \"delivered\": 4}");
        visit(REP4, o6, "2026-11-13T02:00:00Z");
        checked(REP3, o1, "2026-11-16T02:00:00Z", "{\"sku\": \"PET500\", \"stock\": 6, \"delivered\": 5}");
        checked(REP4, o8, "2026-11-16T03:00:00Z", "{\"sku\": \"PET500\", \"stock\": 5, \"delivered\": 5}");
        checked(REP3, o3, "2026-11-18T02:00:00Z", "{\"sku\": \"PET500\", \"stock\": 0}, "
                + "{\"sku\": \"CAN340\", \"stock\": 0}");
        visit(REP4, o5, "2026-11-19T02:00:00Z");
        visit(REP3, o4, "2026-11-20T02:00:00Z");
        // every event above reached the reports (the last ones: O4's and O5's visits, O3's check)
        Map<String, Integer> versions = Map.of(o1, 4, o2, 5, o3, 5, o4, 3, o5, 5, o6, 4, o7, 5, o8, 6);
        versions.forEach((outlet, version) -> await().atMost(Duration.ofSeconds(30)).until(() -> queries.get(
                "/api/reports/route-week?week=2026-W47", "manager").status() == 200 && queries.get("/api/profiles/"
                + outlet + "?minVersion=" + version, "manager").status() == 200));

        assertThat(week("2026-W44")).containsExactly(
                REP3 + " visited 2 buyers 1 merchandised 1 new 0 PET500 12 CAN340 0 sellOut 0 close 50.0",
                REP4 + " visited 3 buyers 1 merchandised 1 new 0 PET500 0 CAN340 6 sellOut 0 close 33.3");
        assertThat(week("2026-W45")).containsExactly(
                REP3 + " visited 2 buyers 2 merchandised 0 new 0 PET500 16 CAN340 3 sellOut 12 close 100.0",
                REP4 + " visited 2 buyers 1 merchandised 1 new 1 PET500 0 CAN340 0 sellOut 2 close 50.0");
        assertThat(adherence("2026-W44")).containsExactly(REP3 + " 3 2 1 0 66.7", REP4 + " 2 2 0 1 100.0");
        assertThat(adherence("2026-W45")).containsExactly(REP3 + " 2 2 0 0 100.0", REP4 + " 3 2 1 0 66.7");
        assertThat(adherence("2026-W46")).containsExactly(REP3 + " 2 1 1 0 50.0", REP4 + " 2 1 1 0 50.0");
        assertThat(adherence("2026-W47")).containsExactly(REP3 + " 2 2 0 1 100.0", REP4 + " 3 2 1 0 66.7");

        // the printed card of W44–W45: the outlets in order, each one's checks in those weeks by the zone's weeks
        Api.Response printed = queries.get("/api/routes/" + WEEKS_ROUTE + "/card?week=2026-W45&weeks=2", "manager");
        assertThat(printed.status()).as(printed.raw().body()).isEqualTo(200);
        JsonNode card = printed.json();
        assertThat(card.get("branch").asString()).isEqualTo("杭州所");
        assertThat(card.get("weeks").valueStream().map(JsonNode::asString).toList())
                .containsExactly("2026-W44", "2026-W45");
        assertThat(card.get("cycleWeeks").valueStream().map(JsonNode::asInt).toList()).containsExactly(4, 1);
        assertThat(card.get("outlets").valueStream().map(outlet -> outlet.get("sequence").asInt() + " "
                + outlet.get("tradeType").asString() + " " + outlet.get("checks").size()).toList())
                .containsExactly("1 12 1", "2 16 1", "3 13 2", "4 21 0", "5 14 0", "6 22 1", "7 13 2", "8 12 1");
        JsonNode third = card.get("outlets").get(2);
        assertThat(third.get("tradeTypeNameZh").asString()).isEqualTo("地区超市");
        assertThat(third.get("checks").valueStream().map(check -> check.get("visitNo").asInt() + " "
                + check.get("week").asString() + " " + check.get("lines").valueStream().map(line -> line.get("sku")
                .asString() + " " + line.get("stock").decimalValue().toPlainString() + "/" + line.get("delivered")
                .decimalValue().toPlainString() + "/" + (line.hasNonNull("sold") ? line.get("sold").decimalValue()
                .toPlainString() : "-")).toList()).toList())
                .containsExactly("1 2026-W44 [PET500 8/12/-]", "2 2026-W45 [PET500 2/6/12, CAN340 3/3/-]");
        assertThat(card.at("/outlets/0/checks/0/week").asString()).isEqualTo("2026-W45");

        // the drill-down names who was skipped: rep3's Friday outlet in W44, rep4's O7 in W47
        JsonNode w44 = queries.get("/api/reports/plan-adherence?week=2026-W44", "manager").json();
        JsonNode rep3Row = row(w44, REP3);
        JsonNode missed = queries.get(rep3Row.at("/drill/missed").asString(), "manager").json();
        assertThat(missed.get("items").valueStream().map(item -> item.get("customerId").asString()).toList())
                .containsExactly(o4);
        JsonNode w47 = queries.get("/api/reports/plan-adherence?week=2026-W47", "manager").json();
        JsonNode skipped = queries.get(row(w47, REP4).at("/drill/missed").asString(), "manager").json();
        assertThat(skipped.get("items").valueStream().map(item -> item.get("customerId").asString()).toList())
                .containsExactly(o7);
        // the plan of W45 says who was called on that week, whatever came after (O3 again on 18 November, O5 phoned)
        JsonNode plan45 = queries.get("/api/routes/" + WEEKS_ROUTE + "/plan?week=2026-W45", "manager").json();
        assertThat(plan45.get("due").valueStream().map(due -> due.get("sequence").asInt() + " "
                + due.get("visited").asBoolean()).toList())
                .containsExactly("1 true", "3 true", "5 false", "7 true", "8 true");

        assertThat(distribution("2026-11-01T16:00:00Z")).containsEntry("PET500", "3/7 42.9")
                .containsEntry("CAN340", "1/7 14.3");
        assertThat(distribution("2026-11-22T16:00:00Z")).containsEntry("PET500", "4/8 50.0")
                .containsEntry("CAN340", "2/8 25.0").containsEntry("PET490", "0/8 0.0");

        JsonNode types = queries.get("/api/reports/trade-types?year=2026", REP3).json();
        Map<String, String> byType = new java.util.TreeMap<>();
        types.get("items").valueStream().filter(item -> item.get("total").asLong() > 0)
                .forEach(item -> byType.put(item.get("code").asString(), item.at("/months/2026-09").asLong() + " "
                        + item.at("/months/2026-10").asLong() + " " + item.at("/months/2026-11").asLong() + " total "
                        + item.get("total").asLong()));
        assertThat(byType).containsExactly(Map.entry("12", "0 2 1 total 2"), Map.entry("13", "0 1 1 total 1"),
                Map.entry("16", "0 0 1 total 1"), Map.entry("21", "0 1 1 total 1"));

        // the CSV a team leader opens in Excel: one row per route and rep, a column per SKU
        Api.Response csv = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(queries.baseUrl()
                + "/api/reports/route-week?week=2026-W45")).header("Accept", "text/csv").GET(), REP3);
        assertThat(csv.status()).isEqualTo(200);
        String[] lines = csv.raw().body().replace("\uFEFF", "").split("\r?\n");
        List<String> header = List.of(lines[0].split(","));
        assertThat(header).contains("routeNo", "rep", "cases.PET500", "visited", "buyers", "closeRate");
        assertThat(lines).hasSize(2);
        String[] cells = lines[1].split(",");
        assertThat(cells[header.indexOf("cases.PET500")]).isEqualTo("16");
        assertThat(cells[header.indexOf("closeRate")]).isEqualTo("100.0");
    }

    /**
     * A product of the catalogue renamed after a report that names it was frozen: the frozen report, and the report
     * asked as known before the rename, keep the old name; the report as of now has the new one.
     */
    @Test
    void a_product_renamed_after_a_report_was_frozen_keeps_its_old_name_in_that_report() {
        Api.Response defined = commands.put("/api/catalogue/products/" + NEW_SKU, "admin",
                "{\"nameZh\": \"新品柠檬茶\", \"nameEn\": \"Lemon tea\", \"unit\": \"箱\", \"active\": true}");
        assertThat(defined.status()).as(defined.raw().body()).isEqualTo(200);
        assertThat(commands.put("/api/catalogue/products/" + NEW_SKU, REP1,
                "{\"nameZh\": \"x\", \"nameEn\": \"x\", \"unit\": \"箱\", \"active\": true}").status()).isEqualTo(403);
        String outlet = outlet(REP1, "新品试销店", 1, "[1]", "MONDAY");
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/catalogue", REP1).json().get("products")
                .valueStream().anyMatch(product -> product.get("sku").asString().equals(NEW_SKU)));
        JsonNode checkedIn = check(outlet, "{\"sku\": \"" + NEW_SKU + "\", \"stock\": 3}");
        long version = checkedIn.get("version").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + outlet + "?minVersion="
                + version, "manager").status() == 200);

        Api.Response frozen = queries.post("/api/reports/snapshots", "manager",
                "{\"report\": \"distribution\", \"parameters\": {\"by\": \"route\"}}");
        assertThat(frozen.status()).as(frozen.raw().body()).isEqualTo(201);
        String id = frozen.json().get("id").asString();
        String knownAt = frozen.json().get("knownAt").asString();

        Api.Response renamed = commands.put("/api/catalogue/products/" + NEW_SKU, "admin",
                "{\"nameZh\": \"柠檬红茶\", \"nameEn\": \"Lemon black tea\", \"unit\": \"箱\", \"active\": true}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("version").asLong()).isGreaterThan(defined.json().get("version").asLong());
        await().atMost(Duration.ofSeconds(30)).until(() -> productName(queries.get("/api/catalogue", REP1).json())
                .equals("柠檬红茶"));

        assertThat(nameIn(queries.get("/api/reports/snapshots/" + id, "manager").json().get("answer")))
                .isEqualTo("新品柠檬茶");
        assertThat(nameIn(queries.get("/api/reports/distribution?knownAt=" + knownAt, "manager").json()))
                .isEqualTo("新品柠檬茶");
        assertThat(nameIn(queries.get("/api/reports/distribution", "manager").json())).isEqualTo("柠檬红茶");
        JsonNode verified = queries.get("/api/reports/snapshots/" + id + "/verify", "manager").json();
        assertThat(verified.get("figuresMatch").asBoolean()).as(verified.toString()).isTrue();

        // no longer carried: a new check of it is refused, the reports keep what was counted
        commands.put("/api/catalogue/products/" + NEW_SKU, "admin",
                "{\"nameZh\": \"柠檬红茶\", \"nameEn\": \"Lemon black tea\", \"unit\": \"箱\", \"active\": false}");
        Api.Response inactive = commands.post("/api/customers/" + outlet + "/visits", REP1,
                "{\"method\": \"ON_SITE_VISIT\", \"storeCheck\": [{\"sku\": \"" + NEW_SKU + "\", \"stock\": 1}]}");
        assertThat(inactive.status()).isEqualTo(400);
        assertThat(inactive.raw().body()).contains("inactive");
    }

    private static String productName(JsonNode catalogue) {
        return catalogue.get("products").valueStream().filter(product -> product.get("sku").asString().equals(NEW_SKU))
                .map(product -> product.get("nameZh").asString()).findFirst().orElse("");
    }

    private static String nameIn(JsonNode report) {
        return report.get("items").valueStream().filter(item -> item.get("sku").asString().equals(NEW_SKU)
                        && item.get("key").asString().equals(ROUTE))
                .map(item -> item.get("nameZh").asString()).findFirst().orElse("(absent)");
    }

    private static List<String> week(String week) {
        JsonNode report = queries.get("/api/reports/route-week?week=" + week, "manager").json();
        return report.get("items").valueStream().filter(item -> item.get("routeNo").asString().equals(WEEKS_ROUTE))
                .map(item -> item.get("rep").asString() + " visited " + item.get("visited").asLong() + " buyers "
                        + item.get("buyers").asLong() + " merchandised " + item.get("merchandised").asLong() + " new "
                        + item.get("newOutlets").asLong() + " PET500 " + item.at("/cases/PET500").decimalValue()
                        .stripTrailingZeros().toPlainString() + " CAN340 " + item.at("/cases/CAN340").decimalValue()
                        .stripTrailingZeros().toPlainString() + " sellOut " + item.at("/sellOut/PET500").decimalValue()
                        .stripTrailingZeros().toPlainString() + " close " + item.get("closeRate").asString())
                .toList();
    }

    private static List<String> adherence(String week) {
        JsonNode report = queries.get("/api/reports/plan-adherence?week=" + week, "manager").json();
        return report.get("items").valueStream().filter(item -> item.get("routeNo").asString().equals(WEEKS_ROUTE))
                .map(item -> item.get("rep").asString() + " " + item.get("due").asLong() + " " + item.get("made")
                        .asLong() + " " + item.get("missed").asLong() + " " + item.get("offPlan").asLong() + " "
                        + item.get("adherence").asString())
                .toList();
    }

    private static JsonNode row(JsonNode report, String rep) {
        return report.get("items").valueStream().filter(item -> item.get("routeNo").asString().equals(WEEKS_ROUTE)
                && item.get("rep").asString().equals(rep)).findFirst().orElseThrow();
    }

    private static Map<String, String> distribution(String asOf) {
        JsonNode report = queries.get("/api/reports/distribution?by=route&asOf=" + asOf, "manager").json();
        Map<String, String> rates = new java.util.HashMap<>();
        report.get("items").valueStream().filter(item -> item.get("key").asString().equals(WEEKS_ROUTE))
                .forEach(item -> rates.put(item.get("sku").asString(), item.get("distributed").asLong() + "/"
                        + item.get("outlets").asLong() + " " + item.get("rate").asString()));
        return rates;
    }

    private static String placed(String rep, String name, int sequence, String weeks, String weekday,
                                 String tradeType, String at) {
        String customer = register(rep, name);
        Api.Response routed = commands.put("/api/customers/" + customer + "/route", "manager",
                weeksRoute(sequence, weeks, weekday, tradeType, at));
        assertThat(routed.status()).as(routed.raw().body()).isEqualTo(200);
        return customer;
    }

    private static String weeksRoute(int sequence, String weeks, String weekday, String tradeType, String at) {
        return """
                {"route": {"branch": "杭州所", "routeNo": "%s", "sequence": %d, "visitWeeks": %s, "weekday": "%s"},
                 "tradeType": "%s", "occurredAt": "%s"}""".formatted(WEEKS_ROUTE, sequence, weeks, weekday, tradeType, at);
    }

    /** A purchase on the outlet at {@code at}; its number. */
    private static int bought(String rep, String customer, String at, String orderRef) {
        Api.Response bought = commands.post("/api/customers/" + customer + "/purchases", rep, """
                {"product": "PET500 箱装", "quantity": 5, "amount": 180.00, "currency": "CNY", "orderRef": "%s",
                 "occurredAt": "%s"}""".formatted(orderRef, at));
        assertThat(bought.status()).as(bought.raw().body()).isEqualTo(201);
        return bought.json().get("purchaseNo").asInt();
    }

    private static void checked(String rep, String customer, String at, String lines) {
        Api.Response checked = commands.post("/api/customers/" + customer + "/visits", rep,
                "{\"method\": \"ON_SITE_VISIT\", \"occurredAt\": \"" + at + "\", \"storeCheck\": [" + lines + "]}");
        assertThat(checked.status()).as(checked.raw().body()).isEqualTo(201);
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
