package com.customerarchive.query.money;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Organisations;
import com.customerarchive.query.support.TestUsers;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Money after the sale end to end on two command-sides and one query-side on the real PostgreSQL, owner-scoped: finance
 * records shipments and collections, the ledger and the ageing report read them, the credit rules hold a purchase.
 * Dates are business days counted back from today (D(n): n days ago, 10:00 in Shanghai); the report is asked for now,
 * so today is its business day. The customers (reps placed in the team MONEY-T1 of the branch MONEY-BR):
 * <pre>
 *   C1 rep1  NET 30, limit 12,000 CNY   ordered 10 for 10,000.00
 *            shipped D(121) 4,000 (due D(91): 91 days past due → over90), D(41) 3,000 (due D(11) → 1–30),
 *            D(10) 3,000 (due in 20 days → not yet due); collected D(80) 1,500 → settles the oldest: 2,500 left of
 *            the first
 *   C2 rep1  NET 15                       shipped D(51) 5,000 (due D(36) → 31–60); collected D(20) 2,000, D(15) 1,000
 *                                         which bounced D(12): 3,000 open
 *   C3 rep2  cash                         shipped D(76) 2,000 USD (61–90), D(1) 1,000 CNY (1–30)
 *   C4 rep2  NET 30                       shipped D(60) 800, collected D(41) 1,000: nothing open, 200 credit
 *
 *   by owner   currency  notYetDue  1–30   31–60  61–90  over90  total   customers  shipped (90 days)  DSO
 *   rep1       CNY       3,000      3,000  3,000  0      2,500   11,500  2          11,000             94.1
 *   rep2       CNY       0          1,000  0      0      0       1,000   1          1,800              50.0
 *   rep2       USD       0          0      0      2,000  0       2,000   1          2,000              90.0
 * </pre>
 * (DSO = total ÷ shipped in the 90 days up to today × 90: 11,500 ÷ 11,000 × 90 = 94.09; 1,000 ÷ 1,800 × 90 = 50;
 * C1's first shipment, D(121), is outside the 90 days.) A collection of 500 back-dated to D(5), recorded after the
 * report, settles C1's oldest again: 2,000 over 90 days, 11,000 in all, DSO 90.0 — and the report at the earlier
 * knownAt still reads the table.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MoneyIT {

    private static final String TOKEN = UUID.randomUUID().toString().substring(0, 6);
    private static final String REP1 = "money-rep1-" + TOKEN;
    private static final String REP2 = "money-rep2-" + TOKEN;
    private static final String FIN = "money-fin-" + TOKEN;
    private static final String FIN_ELSEWHERE = "money-fin2-" + TOKEN;
    private static final String MANAGER = "money-mgr-" + TOKEN;
    /** A rep of another branch: its customer's money is recorded by that branch's finance, apart from the table. */
    private static final String REP3 = "money-rep3-" + TOKEN;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);

    private static final List<AppProcess> apps = new ArrayList<>();
    private static Api sideA;
    private static Api sideB;
    private static Api queries;

    @BeforeAll
    static void start() {
        String[][] roles = {{REP1, "SALES"}, {REP2, "SALES"}, {FIN, "FINANCE"}, {FIN_ELSEWHERE, "FINANCE"},
                {MANAGER, "MANAGER"}, {REP3, "SALES"}};
        Map<String, String> environment = Map.of("SPRING_APPLICATION_JSON", TestUsers.json(roles));
        AppProcess a = AppProcess.startOwnerScoped("command-side", environment);
        apps.add(a);
        AppProcess b = AppProcess.startOwnerScoped("command-side", environment);
        apps.add(b);
        AppProcess q = AppProcess.startOwnerScoped("query-side", environment);
        apps.add(q);
        sideA = new Api(a.baseUrl());
        sideB = new Api(b.baseUrl());
        queries = new Api(q.baseUrl());
        Organisations.open(sideA, new String[]{"MONEY-BR", "回款分公司", Organisations.COMPANY},
                new String[]{"MONEY-T1", "回款一组", "MONEY-BR"},
                new String[]{"MONEY-OTHER", "别的分公司", Organisations.COMPANY});
        Organisations.place(sideA, REP1, "MONEY-T1", "REP");
        Organisations.place(sideA, REP2, "MONEY-T1", "REP");
        Organisations.place(sideA, FIN, "MONEY-BR", "FINANCE");
        Organisations.place(sideA, FIN_ELSEWHERE, "MONEY-OTHER", "FINANCE");
        Organisations.place(sideA, REP3, "MONEY-OTHER", "REP");
    }

    @AfterAll
    static void stop() {
        apps.forEach(AppProcess::stop);
    }

    /** n business days ago at 10:00 in Shanghai. */
    private static Instant daysAgo(int n) {
        return TODAY.minusDays(n).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
    }

    @Test
    void finance_records_shipments_and_collections_and_reads_the_ledger_and_the_ageing_table() throws Exception {
        String c1 = register(REP1, "Money One", "{\"kind\": \"NET_DAYS\", \"days\": 30}", "12000");
        String c2 = register(REP1, "Money Two", "{\"kind\": \"NET_DAYS\", \"days\": 15}", null);
        String c3 = register(REP2, "Money Three", null, null);
        String c4 = register(REP2, "Money Four", "{\"kind\": \"NET_DAYS\", \"days\": 30}", null);
        purchase(REP1, c1, "10", "10000.00", "CNY", "SO-1");
        purchase(REP1, c2, "5", "5000.00", "CNY", "SO-1");
        purchase(REP2, c3, "2", "2000.00", "USD", "SO-1");
        purchase(REP2, c3, "1", "1000.00", "CNY", "SO-2");
        purchase(REP2, c4, "1", "800.00", "CNY", "SO-1");

        // shipments: the answer says when each is due by the customer's terms
        assertThat(ship(c1, 1, "DN-1", "4", "4000.00", 121).get("dueOn").asString())
                .isEqualTo(TODAY.minusDays(91).toString());
        assertThat(ship(c1, 1, "DN-2", "3", "3000.00", 41).get("dueOn").asString())
                .isEqualTo(TODAY.minusDays(11).toString());
        ship(c1, 1, "DN-3", "3", "3000.00", 10);
        ship(c2, 1, "DN-1", "5", "5000.00", 51);
        assertThat(ship(c3, 1, "DN-1", "2", "2000.00", 76).get("dueOn").asString())
                .as("cash: due the day it is shipped").isEqualTo(TODAY.minusDays(76).toString());
        ship(c3, 2, "DN-2", "1", "1000.00", 1);
        ship(c4, 1, "DN-1", "1", "800.00", 60);
        Api.Response beyond = sideB.post("/api/customers/" + c1 + "/purchases/1/shipments", FIN,
                "{\"quantity\": 1, \"amount\": 1.00, \"reference\": \"DN-4\"}");
        assertThat(beyond.status()).isEqualTo(409);
        assertThat(beyond.json().get("type").asString()).endsWith("/over-shipment");
        assertThat(beyond.json().get("ordered").get("quantity").decimalValue()).isEqualByComparingTo("10");

        // collections: the oldest receivable first; an overpayment is kept as credit; a bounced payment is reversed
        JsonNode first = collect(c1, "BANK-1", "1500.00", 80);
        assertThat(first.get("allocations").get(0).get("shipmentNo").asInt()).isEqualTo(1);
        assertThat(first.get("allocations").get(0).get("amount").decimalValue()).isEqualByComparingTo("1500.00");
        collect(c2, "BANK-1", "2000.00", 20);
        collect(c2, "BANK-2", "1000.00", 15);
        Api.Response bounced = sideA.post("/api/customers/" + c2 + "/collections/BANK-2/reverse", FIN,
                "{\"reason\": \"退票: the cheque bounced\", \"occurredAt\": \"" + daysAgo(12) + "\"}");
        assertThat(bounced.status()).as(bounced.raw().body()).isEqualTo(200);
        Api.Response again = sideB.post("/api/customers/" + c2 + "/collections/BANK-2/reverse", FIN,
                "{\"reason\": \"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("/collection-already-reversed");
        JsonNode over = collect(c4, "BANK-1", "1000.00", 41);
        assertThat(over.get("credit").decimalValue()).isEqualByComparingTo("200.00");

        // who may: a rep does not record money; finance of another branch does not reach these customers; an outlet and
        // an integrator read no ledger
        assertThat(sideA.post("/api/customers/" + c1 + "/collections", REP1,
                "{\"amount\": 1, \"reference\": \"X-1\"}").status()).isEqualTo(403);
        Api.Response elsewhere = sideA.post("/api/customers/" + c1 + "/collections", FIN_ELSEWHERE,
                "{\"amount\": 1, \"reference\": \"X-1\"}");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.json().get("type").asString()).endsWith("/out-of-scope");
        int c1Version = 6;
        int c2Version = 6;
        awaitVersion(c1, c1Version);
        awaitVersion(c2, c2Version);
        awaitVersion(c3, 5);
        awaitVersion(c4, 4);
        assertThat(queries.get("/api/profiles/" + c1 + "/ledger", "outlet").status()).isEqualTo(403);
        assertThat(queries.get("/api/profiles/" + c1 + "/ledger", "integrator").status()).isEqualTo(403);
        assertThat(queries.get("/api/profiles/" + c1 + "/ledger", REP2).status()).as("another rep's customer")
                .isEqualTo(403);
        Api.Response otherBranch = queries.get("/api/profiles/" + c1 + "/ledger", FIN_ELSEWHERE);
        assertThat(otherBranch.status()).isEqualTo(403);
        assertThat(otherBranch.json().get("type").asString()).endsWith("/out-of-scope");
        assertThat(queries.get("/api/reports/receivables?unit=MONEY-BR", FIN_ELSEWHERE).status())
                .as("finance of another branch asks for this one").isEqualTo(403);

        // C2's ledger, in business-time order, with the running balance
        Api.Response ledger = queries.get("/api/profiles/" + c2 + "/ledger", FIN);
        assertThat(ledger.status()).as(ledger.raw().body()).isEqualTo(200);
        assertThat(ledger.json().get("name").asString()).isEqualTo("Money Two");
        List<String> lines = ledger.json().get("entries").valueStream().map(entry -> entry.get("kind").asString()
                + " " + entry.get("day").asString() + " " + plain(entry.get("amount")) + " "
                + plain(entry.get("balance"))).toList();
        // (amounts as plain numbers: the client reads JSON numbers, 5000.00 is 5000)
        assertThat(lines).containsExactly(
                "SHIPMENT " + TODAY.minusDays(51) + " 5000 5000",
                "COLLECTION " + TODAY.minusDays(20) + " -2000 3000",
                "COLLECTION " + TODAY.minusDays(15) + " -1000 2000",
                "REVERSAL " + TODAY.minusDays(12) + " 1000 3000");
        assertThat(ledger.json().get("balances").get("CNY").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(queries.get("/api/profiles/" + c2 + "/ledger", REP1).status()).as("its owner reads it").isEqualTo(200);

        // C1's card shows its credit: 10,000 ordered − 1,500 collected = 8,500 against 12,000: 3,500 available; on hold
        JsonNode credit = queries.get("/api/profiles/" + c1, REP1).json().get("credit");
        JsonNode cny = credit.get("currencies").get(0);
        assertThat(cny.get("currency").asString()).isEqualTo("CNY");
        assertThat(cny.get("exposure").decimalValue()).isEqualByComparingTo("8500.00");
        assertThat(cny.get("available").decimalValue()).isEqualByComparingTo("3500.00");
        assertThat(cny.get("receivable").decimalValue()).isEqualByComparingTo("8500.00");
        assertThat(cny.get("overdue").decimalValue()).isEqualByComparingTo("5500.00");
        assertThat(credit.get("daysPastDue").asLong()).isEqualTo(91);
        assertThat(credit.get("onHold").asBoolean()).isTrue();
        assertThat(queries.get("/api/profiles/" + c1, REP1).json().get("lifecycle").get("reason").asString())
                .contains("receivables more than 90 days past due");

        // the ageing table (the class comment), as finance of the branch reads it
        Thread.sleep(1100);
        Instant before = Instant.now();
        Thread.sleep(1100);
        Map<String, JsonNode> rows = rows(receivables("by=owner", FIN));
        assertRow(rows.get(REP1 + " CNY"), "3000.00", "3000.00", "3000.00", "0", "2500.00", "11500.00", 2, "11000.00",
                "94.1");
        assertRow(rows.get(REP2 + " CNY"), "0", "1000.00", "0", "0", "0", "1000.00", 1, "1800.00", "50.0");
        assertRow(rows.get(REP2 + " USD"), "0", "0", "0", "2000.00", "0", "2000.00", 1, "2000.00", "90.0");
        assertThat(rows).hasSize(3);
        Api.Response elsewhereReport = queries.get("/api/reports/receivables?by=owner", FIN_ELSEWHERE);
        assertThat(elsewhereReport.status()).isEqualTo(200);
        assertThat(rows(elsewhereReport.json()).keySet()).noneMatch(key -> key.startsWith(REP1) || key.startsWith(REP2));

        // each figure opens the shipments behind it, its total the figure
        JsonNode report = receivables("by=owner", FIN);
        String link = rowOf(report, REP1, "CNY").get("drill").get("over90").asString();
        Api.Response drill = queries.get(link, FIN);
        assertThat(drill.status()).as(drill.raw().body()).isEqualTo(200);
        assertThat(drill.json().get("total").asLong()).isEqualTo(1);
        JsonNode item = drill.json().get("items").get(0);
        assertThat(item.get("customerId").asString()).isEqualTo(c1);
        assertThat(item.get("amount").decimalValue()).isEqualByComparingTo("2500.00");
        assertThat(item.get("dueOn").asString()).isEqualTo(TODAY.minusDays(91).toString());
        assertThat(item.get("daysPastDue").asLong()).isEqualTo(91);
        JsonNode notYet = queries.get(rowOf(report, REP1, "CNY").get("drill").get("total").asString(), FIN).json();
        assertThat(notYet.get("total").asLong()).as("C1's three open shipments and C2's one").isEqualTo(4);
        assertThat(notYet.get("totals").get(0).get("amount").decimalValue()).isEqualByComparingTo("11500.00");

        // by customer and by team; finance reads no other report
        Map<String, JsonNode> byCustomer = rows(receivables("by=customer", FIN));
        assertThat(byCustomer.get(c1 + " CNY").get("name").asString()).isEqualTo("Money One");
        assertThat(byCustomer.get(c1 + " CNY").get("total").decimalValue()).isEqualByComparingTo("8500.00");
        assertThat(byCustomer.get(c2 + " CNY").get("days31to60").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(byCustomer).doesNotContainKey(c4 + " CNY");
        Map<String, JsonNode> byTeam = rows(receivables("by=team", FIN));
        assertThat(byTeam.get("MONEY-T1 CNY").get("total").decimalValue()).isEqualByComparingTo("12500.00");
        assertThat(byTeam.get("MONEY-T1 CNY").get("name").asString()).isEqualTo("回款一组");
        assertThat(queries.get("/api/reports/statistics?from=2026-01-01&to=2026-02-01&by=owner", FIN).status())
                .isEqualTo(403);
        assertThat(queries.get("/api/reports/receivables", REP1).status()).isEqualTo(403);
        Api.Response csv = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(queries.baseUrl()
                + "/api/reports/receivables?by=owner&unit=MONEY-BR")).header("Accept", "text/csv").GET(), FIN);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().body()).contains(REP1 + ",CNY,3000.00,3000.00,3000.00,0.00,2500.00,11500.00,2,11000.00,94.1");

        // a collection back-dated to D(5), recorded now: a fresh report counts it, the report as known before does not
        collect(c1, "BANK-LATE", "500.00", 5);
        awaitVersion(c1, c1Version + 1);
        Map<String, JsonNode> fresh = rows(receivables("by=owner", FIN));
        assertRow(fresh.get(REP1 + " CNY"), "3000.00", "3000.00", "3000.00", "0", "2000.00", "11000.00", 2,
                "11000.00", "90.0");
        Map<String, JsonNode> asKnown = rows(receivables("by=owner&asOf=" + before + "&knownAt=" + before, FIN));
        assertRow(asKnown.get(REP1 + " CNY"), "3000.00", "3000.00", "3000.00", "0", "2500.00", "11500.00", 2,
                "11000.00", "94.1");

        // the rep's agenda: C1 and C2 past due (urgent beyond 30 days), C1's third shipment falls due in 20 days, and
        // C1 is at risk for its receivables over 90 days
        List<JsonNode> agenda = queries.get("/api/agenda", REP1).json().valueStream().toList();
        List<String> money = agenda.stream().filter(entry -> entry.get("kind").asString().startsWith("COLLECTION"))
                .map(entry -> entry.get("kind").asString() + " " + entry.get("customerId").asString() + " "
                        + entry.get("date").asString() + " " + entry.get("urgency").asString()).toList();
        assertThat(money).containsExactlyInAnyOrder(
                "COLLECTION_OVERDUE " + c1 + " " + TODAY + " URGENT",
                "COLLECTION_OVERDUE " + c2 + " " + TODAY + " URGENT",
                "COLLECTION_DUE " + c1 + " " + TODAY.plusDays(20) + " SOON");
        assertThat(agenda).anyMatch(entry -> entry.get("kind").asString().equals("AT_RISK")
                && entry.get("customerId").asString().equals(c1)
                && entry.get("detail").asString().contains("receivables more than 90 days past due"));
        // rep2: C3's yuan one day past due (SOON), its dollars 76 days (URGENT); C4 owes nothing
        List<String> rep2 = queries.get("/api/agenda", REP2).json().valueStream()
                .filter(entry -> entry.get("kind").asString().startsWith("COLLECTION"))
                .map(entry -> entry.get("kind").asString() + " " + entry.get("customerId").asString() + " "
                        + entry.get("urgency").asString() + " " + entry.get("detail").asString()).toList();
        assertThat(rep2).containsExactlyInAnyOrder(
                "COLLECTION_OVERDUE " + c3 + " SOON 1000.00 CNY past due, the oldest 1 days (shipments 2)",
                "COLLECTION_OVERDUE " + c3 + " URGENT 2000.00 USD past due, the oldest 76 days (shipments 1)");
        JsonNode overdue = agenda.stream().filter(entry -> entry.get("kind").asString().equals("COLLECTION_OVERDUE")
                && entry.get("customerId").asString().equals(c1)).findFirst().orElseThrow();
        assertThat(overdue.get("detail").asString()).isEqualTo("5000.00 CNY past due, the oldest 91 days (shipments 1, 2)");

        // C1 is on hold: its rep is refused with the figures, only a manager lets a purchase through, with a reason
        Api.Response held = buy(sideA, REP1, c1, "100.00", "SO-2", null);
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.json().get("type").asString()).endsWith("/credit-hold");
        assertThat(held.json().get("daysPastDue").asLong()).isEqualTo(91);
        Api.Response notTheirs = buy(sideA, REP1, c1, "100.00", "SO-2", "the customer paid cash at the counter");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.json().get("type").asString()).endsWith("/override-needs-manager");
        Api.Response overridden = buy(sideB, MANAGER, c1, "100.00", "SO-2", "the customer paid cash at the counter");
        assertThat(overridden.status()).as(overridden.raw().body()).isEqualTo(201);
    }

    @Test
    void two_purchases_racing_for_the_last_of_a_limit_on_two_command_sides_one_passes_one_is_held() throws Exception {
        String c5 = register(REP1, "Money Five", "{\"kind\": \"NET_DAYS\", \"days\": 30}", "5000");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            // both wait at the line, then send at once: one to each command-side
            Future<Api.Response> onA = threads.submit(() -> {
                ready.countDown();
                go.await();
                return buy(sideA, REP1, c5, "3000.00", "RACE-A", null);
            });
            Future<Api.Response> onB = threads.submit(() -> {
                ready.countDown();
                go.await();
                return buy(sideB, REP1, c5, "3000.00", "RACE-B", null);
            });
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            Api.Response a = onA.get(60, TimeUnit.SECONDS);
            Api.Response b = onB.get(60, TimeUnit.SECONDS);
            assertThat(List.of(a.status(), b.status())).as(a.raw().body() + " / " + b.raw().body())
                    .containsExactlyInAnyOrder(201, 409);
            Api.Response refused = a.status() == 409 ? a : b;
            assertThat(refused.json().get("type").asString()).endsWith("/credit-limit-exceeded");
            assertThat(refused.json().get("exposure").decimalValue()).isEqualByComparingTo("3000.00");
            assertThat(refused.json().get("limit").decimalValue()).isEqualByComparingTo("5000");
            assertThat(refused.json().get("available").decimalValue()).isEqualByComparingTo("2000.00");
        } finally {
            threads.shutdown();
        }
        JsonNode credit = awaitVersion(c5, 2).get("credit").get("currencies").get(0);
        assertThat(credit.get("exposure").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(credit.get("available").decimalValue()).isEqualByComparingTo("2000.00");
    }

    @Test
    void the_same_collection_sent_at_once_by_eight_clients_on_two_command_sides_is_written_once() throws Exception {
        String c6 = register(REP3, "Money Six", null, null);
        purchase(REP3, c6, "1", "900.00", "CNY", "SO-1");
        Api.Response shipped = sideB.post("/api/customers/" + c6 + "/purchases/1/shipments", FIN_ELSEWHERE,
                "{\"quantity\": 1, \"amount\": 900.00, \"reference\": \"DN-1\", \"shippedAt\": \"" + daysAgo(3) + "\"}");
        assertThat(shipped.status()).as(shipped.raw().body()).isEqualTo(201);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Api.Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Api side = i % 2 == 0 ? sideA : sideB;
                Callable<Api.Response> one = () -> side.post("/api/customers/" + c6 + "/collections", FIN_ELSEWHERE,
                        "{\"amount\": 900.00, \"reference\": \"SLIP-77\", \"receivedAt\": \"" + daysAgo(2) + "\"}");
                sent.add(threads.submit(one));
            }
            for (Future<Api.Response> answer : sent) {
                Api.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
                assertThat(response.json().get("collectionNo").asInt()).isEqualTo(1);
                assertThat(response.json().get("version").asLong()).isEqualTo(4);
            }
        } finally {
            threads.shutdown();
        }
        JsonNode ledger = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get("/api/profiles/" + c6 + "/ledger?minVersion=4", FIN_ELSEWHERE),
                        answer -> answer.status() == 200).json();
        assertThat(ledger.get("entries").valueStream().filter(entry -> entry.get("kind").asString()
                .equals("COLLECTION")).count()).isEqualTo(1);
        assertThat(ledger.get("balances").get("CNY").decimalValue()).isEqualByComparingTo("0");
        // a repeat without receivedAt is the same collection too (received when first recorded)
        Api.Response undated = sideA.post("/api/customers/" + c6 + "/collections", FIN_ELSEWHERE,
                "{\"amount\": 10.00, \"reference\": \"SLIP-78\"}");
        assertThat(undated.status()).as(undated.raw().body()).isEqualTo(201);
        Api.Response undatedAgain = sideB.post("/api/customers/" + c6 + "/collections", FIN_ELSEWHERE,
                "{\"amount\": 10.00, \"reference\": \"SLIP-78\"}");
        assertThat(undatedAgain.status()).as(undatedAgain.raw().body()).isEqualTo(201);
        assertThat(undatedAgain.json().get("collectionNo").asInt()).isEqualTo(2);
        assertThat(undatedAgain.json().get("version").asLong()).isEqualTo(5);
        Api.Response other = sideA.post("/api/customers/" + c6 + "/collections", FIN_ELSEWHERE,
                "{\"amount\": 901.00, \"reference\": \"SLIP-77\"}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("type").asString()).endsWith("/collection-ref-taken");
    }

    // ---- helpers ----

    private static String register(String rep, String name, String terms, String limit) {
        StringBuilder payment = new StringBuilder();
        if (terms != null || limit != null) {
            payment.append(", \"payment\": {");
            if (terms != null) {
                payment.append("\"terms\": ").append(terms);
            }
            if (limit != null) {
                payment.append(terms != null ? ", " : "").append("\"creditLimits\": {\"CNY\": ").append(limit).append("}");
            }
            payment.append("}");
        }
        Api.Response created = sideA.post("/api/customers", rep, """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EVENT", "grade": "B",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"}%s}, "occurredAt": "%s"}"""
                .formatted(rep, name, payment, daysAgo(130)));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private static void purchase(String rep, String customer, String quantity, String amount, String currency,
                                 String orderRef) {
        Api.Response bought = sideA.post("/api/customers/" + customer + "/purchases", rep, """
                {"product": "Tea", "quantity": %s, "amount": %s, "currency": "%s", "orderRef": "%s", "occurredAt": "%s"}"""
                .formatted(quantity, amount, currency, orderRef, daysAgo(125)));
        assertThat(bought.status()).as(bought.raw().body()).isEqualTo(201);
    }

    private static Api.Response buy(Api side, String user, String customer, String amount, String orderRef,
                                    String override) {
        return side.post("/api/customers/" + customer + "/purchases", user, """
                {"product": "Tea", "quantity": 1, "amount": %s, "orderRef": "%s"%s}""".formatted(amount, orderRef,
                override == null ? "" : ", \"creditOverride\": \"" + override + "\""));
    }

    private static JsonNode ship(String customer, int purchaseNo, String reference, String quantity, String amount,
                                 int daysAgo) {
        Api.Response shipped = sideB.post("/api/customers/" + customer + "/purchases/" + purchaseNo + "/shipments", FIN,
                "{\"quantity\": %s, \"amount\": %s, \"reference\": \"%s\", \"shippedAt\": \"%s\"}"
                        .formatted(quantity, amount, reference, daysAgo(daysAgo)));
        assertThat(shipped.status()).as(shipped.raw().body()).isEqualTo(201);
        return shipped.json();
    }

    private static JsonNode collect(String customer, String reference, String amount, int daysAgo) {
        Api.Response collected = sideA.post("/api/customers/" + customer + "/collections", FIN,
                "{\"amount\": %s, \"reference\": \"%s\", \"receivedAt\": \"%s\"}".formatted(amount, reference,
                        daysAgo(daysAgo)));
        assertThat(collected.status()).as(collected.raw().body()).isEqualTo(201);
        return collected.json();
    }

    private static JsonNode awaitVersion(String customer, int version) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get("/api/profiles/" + customer + "?minVersion=" + version, "admin"),
                        answer -> answer.status() == 200).json();
    }

    private static JsonNode receivables(String parameters, String user) {
        Api.Response answer = queries.get("/api/reports/receivables?unit=MONEY-BR&" + parameters, user);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json();
    }

    private static Map<String, JsonNode> rows(JsonNode report) {
        Map<String, JsonNode> rows = new HashMap<>();
        report.get("items").forEach(row -> rows.put(row.get("key").asString() + " " + row.get("currency").asString(),
                row));
        return rows;
    }

    private static JsonNode rowOf(JsonNode report, String key, String currency) {
        return rows(report).get(key + " " + currency);
    }

    private static void assertRow(JsonNode row, String notYetDue, String days1to30, String days31to60,
                                  String days61to90, String over90, String total, int customers, String shipped,
                                  String dso) {
        assertThat(row).as("row").isNotNull();
        assertThat(row.get("notYetDue").decimalValue()).isEqualByComparingTo(notYetDue);
        assertThat(row.get("days1to30").decimalValue()).isEqualByComparingTo(days1to30);
        assertThat(row.get("days31to60").decimalValue()).isEqualByComparingTo(days31to60);
        assertThat(row.get("days61to90").decimalValue()).isEqualByComparingTo(days61to90);
        assertThat(row.get("over90").decimalValue()).isEqualByComparingTo(over90);
        assertThat(row.get("total").decimalValue()).isEqualByComparingTo(total);
        assertThat(row.get("customers").asInt()).isEqualTo(customers);
        assertThat(row.get("shipped").decimalValue()).isEqualByComparingTo(shipped);
        assertThat(row.get("dso").decimalValue()).isEqualByComparingTo(dso);
    }

    private static String plain(JsonNode amount) {
        return amount.decimalValue().stripTrailingZeros().toPlainString();
    }
}
