package com.customerarchive.query.pool;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Organisations;
import com.customerarchive.query.support.TestUsers;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public pool (公海) end to end, on two command-sides and one query-side on the real PostgreSQL, owner-scoped. The
 * pool POOL-P holds the branch POOL-BR (team POOL-T1: three reps and a team lead; a branch manager over it); its
 * rules: grade A back after 7 days without a follow-up, grade B after 15, C–E exempt; warning 3 days ahead; a rep
 * claims at most 2 a day, owns at most 3 customers without purchases, locks at most 1; the rep a customer came back
 * from waits 10 days. rep1's customers, all registered 20 days before the test began (T):
 * <pre>
 *   c1  B  no visit                    due T−5d   → returned by the job, exactly once across two command-sides
 *   c2  B  no visit, locked            —          → stays (locked)
 *   c3  C  no visit                    —          → stays (grade C is exempt)
 *   c4  B  visited T−13d               due T+2d   → stays; on rep1's agenda as POOL_RETURN_SOON (within 3 days)
 *   c5  B  visited T−5d                due T+10d  → stays; not on the agenda yet; later released by hand
 *   c6–c10 registered at T, released by hand
 * </pre>
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PoolIT {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 6);
    private static final String REP1 = "pool-rep1-" + TOKEN;
    private static final String REP2 = "pool-rep2-" + TOKEN;
    private static final String REP3 = "pool-rep3-" + TOKEN;
    private static final String LEAD = "pool-lead-" + TOKEN;
    private static final String BRANCH_MANAGER = "pool-bm-" + TOKEN;
    private static final String OUTSIDER = "pool-out-" + TOKEN;
    private static final String REP4 = "pool-rep4-" + TOKEN;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final List<AppProcess> apps = new ArrayList<>();
    private static Api sideA;
    private static Api sideB;
    private static Api queries;

    @BeforeAll
    static void start() {
        String[][] roles = {{REP1, "SALES"}, {REP2, "SALES"}, {REP3, "SALES"}, {LEAD, "MANAGER"},
                {BRANCH_MANAGER, "MANAGER"}, {OUTSIDER, "SALES"}, {REP4, "SALES"}};
        // the scheduled return job stays out of the way: the test runs it when it wants, on both command-sides at once
        Map<String, String> environment = Map.of("SPRING_APPLICATION_JSON", TestUsers.json(roles),
                "ARCHIVE_POOL_SWEEP_DELAY", "PT1H");
        AppProcess a = AppProcess.startOwnerScoped("command-side", environment);
        apps.add(a);
        AppProcess b = AppProcess.startOwnerScoped("command-side", environment);
        apps.add(b);
        AppProcess q = AppProcess.startOwnerScoped("query-side", environment);
        apps.add(q);
        sideA = new Api(a.baseUrl());
        sideB = new Api(b.baseUrl());
        queries = new Api(q.baseUrl());
        Organisations.open(sideA, new String[]{"POOL-BR", "公海分公司", Organisations.COMPANY},
                new String[]{"POOL-T1", "公海一组", "POOL-BR"}, new String[]{"POOL-OTHER", "别的分公司", Organisations.COMPANY});
        for (String rep : List.of(REP1, REP2, REP3)) {
            Organisations.place(sideA, rep, "POOL-T1", "REP");
        }
        Organisations.place(sideA, LEAD, "POOL-T1", "TEAM_LEAD");
        Organisations.place(sideA, BRANCH_MANAGER, "POOL-BR", "BRANCH_MANAGER");
        Organisations.place(sideA, OUTSIDER, "POOL-OTHER", "REP");
        Organisations.place(sideA, REP4, "POOL-T1", "REP");
        Api.Response pool = sideA.put("/api/pools/POOL-P", "admin", """
                {"name": "杭州公海", "unitCodes": ["POOL-BR"],
                 "rules": {"followUpDays": {"A": 7, "B": 15}, "warningDays": 3, "dailyClaimCap": 2,
                           "previousOwnerWaitDays": 10, "ownerCap": 3, "lockCap": 1}}""");
        assertThat(pool.status()).as(pool.raw().body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        apps.forEach(AppProcess::stop);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void customers_go_back_once_reps_claim_within_their_caps_and_managers_read_the_movements() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant registered = t.minus(Duration.ofDays(20));
        String c1 = register("Pool One", "B", registered);
        String c2 = register("Pool Two", "B", registered);
        String c3 = register("Pool Three", "C", registered);
        String c4 = register("Pool Four", "B", registered);
        String c5 = register("Pool Five", "B", registered);
        visit(c4, t.minus(Duration.ofDays(13)));
        visit(c5, t.minus(Duration.ofDays(5)));
        assertThat(sideA.post("/api/customers/" + c2 + "/lock", REP1).status()).isEqualTo(200);
        Api.Response secondLock = sideA.post("/api/customers/" + c3 + "/lock", REP1);
        assertThat(secondLock.status()).isEqualTo(409);
        assertThat(secondLock.json().get("type").asString()).endsWith("/lock-cap-reached");

        // the return job on both command-sides at once, twice each: c1 goes back exactly once (the runs' own count is
        // every return they wrote, other tests' customers included: it equals what the store gained)
        long returnsBefore = returnsStored(null);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Api.Response>> sweeps = new ArrayList<>();
        for (Api side : List.of(sideA, sideB, sideA, sideB)) {
            sweeps.add(threads.submit(() -> side.post("/api/admin/pools/sweep", "admin")));
        }
        int returned = 0;
        for (Future<Api.Response> sweep : sweeps) {
            Api.Response answer = sweep.get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
            returned += answer.json().get("returned").asInt();
        }
        assertThat(returned).as("returns across the four runs").isEqualTo(returnsStored(null) - returnsBefore)
                .isPositive();
        assertThat(returnsStored(c1)).isEqualTo(1);
        for (String stays : List.of(c2, c3, c4, c5)) {
            assertThat(returnsStored(stays)).as(stays).isZero();
        }
        JsonNode history = awaitVersion(c1, 2, "admin");
        assertThat(history.get("ownerId").asString()).isEqualTo("pool:POOL-P");

        // rep1's morning: c4 is about to go back (visited T−13d: due T+2d), nothing else
        awaitVersion(c5, 2, "admin");
        List<JsonNode> warnings = agenda(REP1).stream().filter(item -> item.get("kind").asString()
                .equals("POOL_RETURN_SOON")).toList();
        assertThat(warnings).extracting(item -> item.get("customerId").asString()).containsExactly(c4);
        assertThat(warnings.get(0).get("date").asString())
                .isEqualTo(t.minus(Duration.ofDays(13)).plus(Duration.ofDays(15)).atZone(SHANGHAI).toLocalDate().toString());
        assertThat(warnings.get(0).get("detail").asString()).contains("no follow-up for 15 days, grade B");

        // rep1 sells to c3 (a customer with purchases does not count towards the cap of 3) and lets c5 go: rep1 then
        // owns c2 and c4 without purchases, under its cap; six more in the pool by hand
        purchase(c3, "100.50", "CNY", "P1-" + TOKEN);
        purchase(c3, "20.00", "USD", "P2-" + TOKEN);
        Api.Response letGo = sideA.post("/api/customers/" + c5 + "/release", REP1, "{\"reason\": \"moved away\"}");
        assertThat(letGo.status()).as(letGo.raw().body()).isEqualTo(200);
        List<String> released = new ArrayList<>();
        for (int i = 6; i <= 10; i++) {
            String customer = register("Pool Hand " + i, "B", null);
            Api.Response release = sideB.post("/api/customers/" + customer + "/release", REP1,
                    "{\"reason\": \"no time for it\"}");
            assertThat(release.status()).as(release.raw().body()).isEqualTo(200);
            released.add(customer);
        }
        String c6 = released.get(0);
        String c7 = released.get(1);
        Api.Response lockedRelease = sideA.post("/api/customers/" + c2 + "/release", REP1, "{\"reason\": \"tired\"}");
        assertThat(lockedRelease.status()).isEqualTo(409);
        assertThat(lockedRelease.json().get("type").asString()).endsWith("/customer-locked");

        // the rep it came back from waits; then two reps race for it: one wins, the other hears already-claimed
        Api.Response own = sideA.post("/api/customers/" + c1 + "/claim", REP1);
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().get("type").asString()).endsWith("/previous-owner-wait");
        Future<Api.Response> byRep2 = threads.submit(claim(sideA, c1, REP2));
        Future<Api.Response> byRep3 = threads.submit(claim(sideB, c1, REP3));
        Api.Response two = byRep2.get(30, TimeUnit.SECONDS);
        Api.Response three = byRep3.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        assertThat(List.of(two.status(), three.status())).containsExactlyInAnyOrder(200, 409);
        Api.Response lost = two.status() == 409 ? two : three;
        assertThat(lost.json().get("type").asString()).endsWith("/already-claimed");
        String winner = two.status() == 200 ? REP2 : REP3;
        String loser = winner.equals(REP2) ? REP3 : REP2;

        // two claims a day: the winner's second passes, its third is refused and says so
        Api.Response second = sideA.post("/api/customers/" + c6 + "/claim", winner);
        assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
        Api.Response third = sideB.post("/api/customers/" + c7 + "/claim", winner);
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.json().get("type").asString()).endsWith("/claim-cap-reached");
        assertThat(third.json().get("detail").asString()).contains("claimed 2 customers today").contains("allows 2");
        Api.Response outsider = sideA.post("/api/customers/" + c7 + "/claim", OUTSIDER);
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.json().get("type").asString()).endsWith("/not-pool-member");

        // a rep does not assign; the lead does, up to the rep's cap of 3
        Api.Response byRep = sideA.post("/api/customers/" + c7 + "/assign", REP2, "{\"ownerId\": \"" + REP2 + "\"}");
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(byRep.json().get("type").asString()).endsWith("/assign-needs-lead");
        for (String customer : released.subList(1, 4)) {
            Api.Response assigned = sideB.post("/api/customers/" + customer + "/assign", LEAD,
                    "{\"ownerId\": \"" + loser + "\", \"reason\": \"new territory\"}");
            assertThat(assigned.status()).as(assigned.raw().body()).isEqualTo(200);
        }
        Api.Response overCap = sideA.post("/api/customers/" + released.get(4) + "/assign", LEAD,
                "{\"ownerId\": \"" + loser + "\"}");
        assertThat(overCap.status()).isEqualTo(409);
        assertThat(overCap.json().get("type").asString()).endsWith("/owner-cap-reached");
        assertThat(overCap.json().get("detail").asString()).contains("owns 3 customers").contains("allows 3");

        // what waits now: c10 and c5; a member reads them masked, the branch manager in full, an outsider not at all
        String c10 = released.get(4);
        awaitVersion(c10, 2, "admin");
        assertThat(awaitVersion(c1, 3, "admin").get("ownerId").asString()).as("the claim that answered 200")
                .isEqualTo(winner);
        JsonNode waiting = queries.get("/api/pools/POOL-P/customers", REP2).json();
        assertThat(waiting.get("total").asLong()).isEqualTo(2);
        assertThat(waiting.at("/customers/1/customerId").asString()).isEqualTo(c5);
        assertThat(waiting.at("/customers/0/customerId").asString()).isEqualTo(c10);
        assertThat(waiting.at("/customers/0/name").asString()).isEqualTo("P** H** 1**");
        assertThat(waiting.at("/customers/0/reason").asString()).isEqualTo("no time for it");
        assertThat(waiting.at("/customers/0/returnedFrom").asString()).isEqualTo(REP1);
        assertThat(queries.get("/api/pools/POOL-P/customers", BRANCH_MANAGER).json().at("/customers/0/name").asString())
                .isEqualTo("Pool Hand 10");
        assertThat(queries.get("/api/pools/POOL-P/customers", OUTSIDER).status()).isEqualTo(403);
        Api.Response profile = queries.get("/api/profiles/" + c10, REP2);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.raw().body()).doesNotContain("Pool Hand 10").contains("[withheld]");
        assertThat(queries.get("/api/profiles/" + c10, OUTSIDER).status()).isEqualTo(403);
        JsonNode pools = queries.get("/api/pools", REP2).json();
        JsonNode mine = null;
        for (JsonNode one : pools) {
            if (one.get("poolId").asString().equals("POOL-P")) {
                mine = one;
            }
        }
        assertThat(mine).as(pools.toString()).isNotNull();
        assertThat(mine.get("waiting").asLong()).isEqualTo(2);
        assertThat(mine.get("member").asBoolean()).isTrue();
        List<JsonNode> assignedToLoser = agenda(loser).stream().filter(item -> item.get("kind").asString()
                .equals("NEWLY_ASSIGNED")).toList();
        assertThat(assignedToLoser).extracting(item -> item.get("customerId").asString())
                .containsExactlyInAnyOrderElementsOf(released.subList(1, 4));

        // a briefing's figures: rep1 visits and buys c3 twice now
        visit(c3, null);
        visit(c3, null);
        awaitVersion(c3, 5, "admin");

        // the pool's movements today: returned 7 from rep1 (1 by the job, 6 by hand), claimed 2, assigned 3
        String today = "from=" + t.minus(Duration.ofHours(1)) + "&to=" + t.plus(Duration.ofHours(1));
        JsonNode movements = queries.get("/api/reports/pool?" + today, "manager").json();
        assertThat(row(movements.get("owners"), "ownerId", REP1)).isEqualTo(Map.of("returned", 7L, "claimed", 0L,
                "assigned", 0L));
        assertThat(row(movements.get("owners"), "ownerId", winner)).isEqualTo(Map.of("returned", 0L, "claimed", 2L,
                "assigned", 0L));
        assertThat(row(movements.get("owners"), "ownerId", loser)).isEqualTo(Map.of("returned", 0L, "claimed", 0L,
                "assigned", 3L));

        JsonNode briefing = queries.get("/api/reports/briefing?" + today, "manager").json();
        JsonNode rep1Row = find(briefing.get("items"), "key", REP1);
        assertThat(rep1Row.get("newCustomers").asLong()).isEqualTo(5);
        assertThat(rep1Row.get("visits").asLong()).isEqualTo(2);
        assertThat(rep1Row.get("purchases").asLong()).isEqualTo(2);
        assertThat(rep1Row.get("purchaseTotals").valueStream().map(line -> line.get("currency").asString() + " "
                + line.get("amount").decimalValue().setScale(2)).toList()).containsExactly("CNY 100.50", "USD 20.00");
        assertThat(rep1Row.get("returned").asLong()).isEqualTo(7);
        assertThat(rep1Row.get("newCustomersBefore").asLong()).isZero();
        assertThat(find(briefing.get("items"), "key", winner).get("claimed").asLong()).isEqualTo(2);
        JsonNode team = find(queries.get("/api/reports/briefing?" + today + "&by=team", "manager").json().get("items"),
                "key", "POOL-T1");
        assertThat(List.of(team.get("newCustomers").asLong(), team.get("visits").asLong(), team.get("claimed").asLong(),
                team.get("returned").asLong())).containsExactly(5L, 2L, 2L, 7L);

        // forgotten: rep1 still has c2 (20 days) and c4 (13 days) unvisited past 7 days, c2 past 15; the winner has c1
        // (never visited since its registration 20 days ago)
        JsonNode forgotten = queries.get("/api/reports/forgotten", BRANCH_MANAGER).json();
        assertThat(counts(forgotten, REP1)).containsExactly(2L, 1L, 0L, 0L);
        assertThat(counts(forgotten, winner)).containsExactly(1L, 1L, 0L, 0L);
        JsonNode drill = queries.get("/api/reports/forgotten?days=15&ownerId=" + REP1, BRANCH_MANAGER).json();
        assertThat(drill.get("customers").valueStream().map(one -> one.get("customerId").asString()).toList())
                .containsExactly(c2);
        assertThat(queries.get("/api/reports/forgotten", OUTSIDER).status()).isEqualTo(403);

        // the customer's team (相关团队): rep2 may read rep1's c4, rep3 also write to it until tomorrow; the owner is
        // not a member of its own customer's team
        assertThat(queries.get("/api/profiles/" + c4, REP2).status()).isEqualTo(403);
        Api.Response ownerInTeam = sideA.put("/api/customers/" + c4 + "/team", REP1,
                "{\"members\": [{\"user\": \"" + REP1 + "\", \"access\": \"READ\"}]}");
        assertThat(ownerInTeam.status()).isEqualTo(409);
        assertThat(ownerInTeam.json().get("type").asString()).endsWith("/owner-in-team");
        String tomorrow = t.atZone(SHANGHAI).toLocalDate().plusDays(1).toString();
        Api.Response teamSet = sideA.put("/api/customers/" + c4 + "/team", REP1, """
                {"members": [{"user": "%s", "access": "READ"}, {"user": "%s", "access": "WRITE", "until": "%s"}]}"""
                .formatted(REP2, REP3, tomorrow));
        assertThat(teamSet.status()).as(teamSet.raw().body()).isEqualTo(200);
        awaitVersion(c4, 3, "admin");
        assertThat(queries.get("/api/profiles/" + c4, REP2).status()).isEqualTo(200);
        Api.Response readerWrites = sideB.post("/api/customers/" + c4 + "/visits", REP2, "{\"method\": \"PHONE\"}");
        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(readerWrites.json().get("type").asString()).endsWith("/out-of-scope");
        Api.Response writerWrites = sideB.post("/api/customers/" + c4 + "/visits", REP3, "{\"method\": \"PHONE\"}");
        assertThat(writerWrites.status()).as(writerWrites.raw().body()).isEqualTo(201);
        assertThat(queries.get("/api/profiles/" + c4, OUTSIDER).status()).isEqualTo(403);
    }

    /**
     * The daily cap counted under the rep's lock: rep4 has claimed one of the lead's customers today; its second and
     * third, sent at once to the two command-sides, cannot both pass the cap of 2. (After the first test: the lead's
     * returns do not count in its figures.)
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void two_claims_of_one_rep_at_once_never_both_pass_its_daily_cap() throws Exception {
        List<String> released = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Api.Response created = sideA.post("/api/customers", LEAD, """
                    {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "EVENT", "grade": "B",
                     "ownerId": "%s", "card": {"basic": {"name": "Lead's %d"}}}""".formatted(LEAD, i));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            String customer = created.json().get("customerId").asString();
            assertThat(sideB.post("/api/customers/" + customer + "/release", LEAD, "{\"reason\": \"for the team\"}")
                    .status()).isEqualTo(200);
            released.add(customer);
        }
        assertThat(sideA.post("/api/customers/" + released.get(0) + "/claim", REP4).status()).isEqualTo(200);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<Api.Response> onA = threads.submit(claim(sideA, released.get(1), REP4));
        Future<Api.Response> onB = threads.submit(claim(sideB, released.get(2), REP4));
        List<Api.Response> answers = List.of(onA.get(30, TimeUnit.SECONDS), onB.get(30, TimeUnit.SECONDS));
        threads.shutdown();
        assertThat(answers.stream().map(Api.Response::status).toList()).containsExactlyInAnyOrder(200, 409);
        assertThat(answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow().json()
                .get("type").asString()).endsWith("/claim-cap-reached");
        TestDatabase database = TestDatabase.get();
        assertThat(JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()))
                .sql("SELECT count(*) FROM event_store.pool_claim WHERE owner_id = ?").param(REP4).query(Long.class)
                .single()).isEqualTo(2);
    }

    private static Callable<Api.Response> claim(Api side, String customer, String rep) {
        return () -> side.post("/api/customers/" + customer + "/claim", rep);
    }

    private static String register(String name, String grade, Instant occurredAt) {
        Api.Response created = sideA.post("/api/customers", REP1, """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "EVENT", "grade": "%s",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"}}%s}""".formatted(grade, REP1, name,
                occurredAt == null ? "" : ", \"occurredAt\": \"" + occurredAt + "\""));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private static void visit(String customer, Instant at) {
        Api.Response visit = sideB.post("/api/customers/" + customer + "/visits", REP1,
                at == null ? "{\"method\": \"PHONE\"}" : "{\"method\": \"PHONE\", \"occurredAt\": \"" + at + "\"}");
        assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
    }

    private static void purchase(String customer, String amount, String currency, String orderRef) {
        Api.Response bought = sideA.post("/api/customers/" + customer + "/purchases", REP1, """
                {"product": "Tea", "quantity": 1, "amount": %s, "currency": "%s", "orderRef": "%s"}"""
                .formatted(amount, currency, orderRef));
        assertThat(bought.status()).as(bought.raw().body()).isEqualTo(201);
    }

    private static JsonNode awaitVersion(String customer, int version, String user) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get("/api/profiles/" + customer + "?minVersion=" + version, user),
                        answer -> answer.status() == 200).json();
    }

    private static List<JsonNode> agenda(String rep) {
        Api.Response answer = queries.get("/api/agenda", rep);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json().valueStream().toList();
    }

    private static long returnsStored(String customer) {
        TestDatabase database = TestDatabase.get();
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()))
                .sql("SELECT count(*) FROM event_store.domain_event_entry WHERE (CAST(? AS text) IS NULL "
                        + "OR aggregate_identifier = ?) "
                        + "AND payload_type = 'com.customerarchive.events.CustomerReturnedToPoolEvent'")
                .param(customer).param(customer).query(Long.class).single();
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.get(field).asString().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " in " + rows);
    }

    private static Map<String, Long> row(JsonNode rows, String field, String value) {
        JsonNode row = find(rows, field, value);
        return Map.of("returned", row.get("returned").asLong(), "claimed", row.get("claimed").asLong(),
                "assigned", row.get("assigned").asLong());
    }

    private static List<Long> counts(JsonNode forgotten, String owner) {
        JsonNode counts = find(forgotten.get("owners"), "ownerId", owner).get("counts");
        return List.of(counts.get("7").asLong(), counts.get("15").asLong(), counts.get("30").asLong(),
                counts.get("90").asLong());
    }
}
