package com.customerarchive.command.demo;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo archive looks like the seeds' world: Chinese names, cities and industries, contacts who are people and not
 * the company, notes in Chinese and English, complaints only from customers who bought before, a loyal buyer never
 * graded E; and the same seed writes the same requests. The requests are recorded, not sent.
 */
class DemoDataTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 2026-05-20 10:00 in Beijing: the four quarters before are 2025 Q2 to 2026 Q1. */
    private static final Instant NOW = Instant.parse("2026-05-20T02:00:00Z");
    private static final int CUSTOMERS = 150;

    record Request(String user, String method, String path, JsonNode body) {
    }

    @Test
    void the_demo_archive_is_chinese_and_consistent() throws Exception {
        Map<String, List<Request>> byCustomer = record(1);

        assertThat(byCustomer).hasSize(CUSTOMERS);
        List<String> notes = new ArrayList<>();
        int complaints = 0;
        int loyal = 0;
        for (List<Request> requests : byCustomer.values()) {
            JsonNode registration = requests.get(0).body();
            String name = registration.at("/card/basic/name").asString();
            assertThat(name).as("a Chinese name").matches(".*\\p{IsHan}.*");
            assertThat(registration.at("/card/basic/address/city").asString()).isIn((Object[]) DemoData.CITIES);
            assertThat(registration.at("/card/basic/industry").asString()).matches("\\p{IsHan}+");
            boolean organisation = registration.get("kind").asString().equals("ORGANIZATION");
            if (organisation) {
                assertThat(name).endsWith("公司");
                assertThat(registration.at("/card/contacts/0/name").asString()).as("a contact of " + name)
                        .matches("\\p{IsHan}{2,3}").isNotEqualTo(name);
            }
            List<Instant> purchases = new ArrayList<>();
            String grade = registration.get("grade").asString();
            for (Request request : requests) {
                if (request.path().endsWith("/purchases")) {
                    purchases.add(Instant.parse(request.body().get("occurredAt").asString()));
                } else if (request.path().endsWith("/visits")) {
                    if (organisation) {
                        assertThat(request.body().at("/contact/name").asString()).isNotEqualTo(name);
                    }
                    notes.add(request.body().get("notes").asString());
                } else if (request.path().endsWith("/complaints")) {
                    complaints++;
                    Instant filed = Instant.parse(request.body().get("occurredAt").asString());
                    assertThat(purchases).as("a purchase before the complaint of " + name)
                            .anyMatch(purchase -> purchase.isBefore(filed));
                    assertThat(request.body().get("description").asString()).matches(".*\\p{IsHan}.*");
                } else if (request.path().endsWith("/grade")) {
                    grade = request.body().get("grade").asString();
                }
            }
            // loyal: a purchase in each of 2025 Q2, Q3, Q4 and 2026 Q1 (Beijing time)
            TreeSet<String> quarters = new TreeSet<>();
            for (Instant purchase : purchases) {
                LocalDate day = LocalDate.ofInstant(purchase, DemoData.BUSINESS_ZONE);
                if (!day.isBefore(LocalDate.parse("2025-04-01")) && day.isBefore(LocalDate.parse("2026-04-01"))) {
                    quarters.add(day.getYear() + "Q" + ((day.getMonthValue() - 1) / 3 + 1));
                }
            }
            if (quarters.size() == 4) {
                loyal++;
                assertThat(grade).as("the grade of the loyal buyer " + name).isNotEqualTo("E");
            }
        }
        assertThat(complaints).as("complaints in the demo").isGreaterThan(10);
        // money after the sale: finance ships what was bought, never more than ordered and never before it was bought,
        // and collects only after shipping; some customers pay late
        int shipments = 0;
        int collections = 0;
        int latePayers = 0;
        for (List<Request> requests : byCustomer.values()) {
            Map<String, Integer> ordered = new java.util.HashMap<>();
            Map<String, java.math.BigDecimal> orderedAmount = new java.util.HashMap<>();
            Map<String, java.math.BigDecimal> shippedAmount = new java.util.HashMap<>();
            List<LocalDate> dueDays = new ArrayList<>();
            JsonNode terms = null;
            boolean late = false;
            Map<String, Instant> orderedAt = new java.util.HashMap<>();
            Map<String, Integer> shipped = new java.util.HashMap<>();
            Instant firstShipped = null;
            for (Request request : requests) {
                String path = request.path();
                if (path.endsWith("/credit")) {
                    assertThat(request.user()).isEqualTo("finance");
                    terms = request.body().get("terms");
                    int at = requests.indexOf(request);
                    assertThat(requests.get(at + 1).path()).as("the proposal approved")
                            .endsWith("/proposals/9c1d7e0a-3f55-4d0b-8a7e-5f2c1b9d0e11/approve");
                    assertThat(requests.get(at + 1).user()).as("by another than its author").isEqualTo("manager");
                } else if (path.endsWith("/purchases")) {
                    String no = String.valueOf(ordered.size() + 1);
                    ordered.put(no, request.body().get("quantity").asInt());
                    orderedAmount.put(no, request.body().get("amount").decimalValue());
                    orderedAt.put(no, Instant.parse(request.body().get("occurredAt").asString()));
                } else if (path.endsWith("/shipments")) {
                    shipments++;
                    assertThat(request.user()).isEqualTo("finance");
                    String no = path.split("/")[5];
                    Instant at = Instant.parse(request.body().get("shippedAt").asString());
                    assertThat(at).isAfter(orderedAt.get(no)).isBefore(NOW);
                    assertThat(shipped.merge(no, request.body().get("quantity").asInt(), Integer::sum))
                            .as("shipped of purchase " + no).isLessThanOrEqualTo(ordered.get(no));
                    assertThat(shippedAmount.merge(no, request.body().get("amount").decimalValue(),
                            java.math.BigDecimal::add)).as("shipped amount of purchase " + no)
                            .isLessThanOrEqualTo(orderedAmount.get(no));
                    firstShipped = firstShipped == null ? at : firstShipped;
                    // the due day by the terms proposed (cash, net days, or the statement day of the next month)
                    LocalDate day = LocalDate.ofInstant(at, DemoData.BUSINESS_ZONE);
                    String kind = terms.get("kind").asString();
                    dueDays.add(kind.equals("CASH") ? day : kind.equals("NET_DAYS")
                            ? day.plusDays(terms.get("days").asInt())
                            : day.withDayOfMonth(1).plusMonths(1).withDayOfMonth(terms.get("day").asInt()));
                } else if (path.endsWith("/collections")) {
                    collections++;
                    assertThat(request.user()).isEqualTo("finance");
                    Instant received = Instant.parse(request.body().get("receivedAt").asString());
                    assertThat(firstShipped).as("a shipment before the collection").isNotNull().isBefore(received);
                    // paid for the shipment of the same turn: more than 30 days after its due day is late
                    LocalDate due = dueDays.get(dueDays.size() - 1);
                    late |= LocalDate.ofInstant(received, DemoData.BUSINESS_ZONE).isAfter(due.plusDays(30));
                }
            }
            latePayers += late ? 1 : 0;
        }
        assertThat(latePayers).as("customers who paid more than 30 days late").isBetween(3, CUSTOMERS / 5);
        assertThat(shipments).as("shipments in the demo").isGreaterThan(CUSTOMERS);
        assertThat(collections).as("collections in the demo").isGreaterThan(CUSTOMERS / 2).isLessThan(shipments);
        // review: the clerk enters every card, a manager signs most; some wait, some were sent back
        int approved = 0;
        int returned = 0;
        int waiting = 0;
        for (List<Request> requests : byCustomer.values()) {
            assertThat(requests.get(0).user()).isEqualTo("clerk");
            boolean signed = requests.stream().anyMatch(request -> request.path().endsWith("/admission/approve")
                    && request.user().equals("manager"));
            boolean sentBack = requests.stream().anyMatch(request -> request.path().endsWith("/admission/return"));
            if (!signed) {
                assertThat(requests).as("business waits for the approval").noneMatch(request ->
                        request.path().endsWith("/purchases") || request.path().endsWith("/membership-card")
                                || request.path().endsWith("/referrer"));
            }
            approved += signed ? 1 : 0;
            returned += sentBack ? 1 : 0;
            waiting += signed || sentBack ? 0 : 1;
        }
        assertThat(approved).as("approved cards").isGreaterThan(CUSTOMERS * 3 / 4);
        assertThat(returned).as("returned cards").isGreaterThan(0);
        assertThat(waiting).as("cards waiting for review").isGreaterThan(0);
        assertThat(loyal).as("loyal buyers in the demo").isGreaterThan(5);
        assertThat(notes).anyMatch(note -> note.matches(".*\\p{IsHan}.*"))
                .anyMatch(note -> note.matches("[a-z ]+"))
                .noneMatch(note -> note.matches("visit \\d+"));
        assertThat(record(1).toString()).as("the same seed, the same archive").isEqualTo(byCustomer.toString());
    }

    @Test
    void the_demo_has_a_duplicate_kept_apart_by_a_manager_and_one_merged() throws Exception {
        List<Request> requests = new ArrayList<>();
        DemoData demo = new DemoData((user, method, path, body) -> {
            requests.add(new Request(user, method, path, JSON.readTree(body)));
            return "{\"customerId\": \"c%015d\"}".formatted(requests.size());
        }, NOW);
        demo.duplicates();

        assertThat(requests).extracting(Request::method, Request::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/api/customers"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/customers"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/customers"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/customers"),
                org.assertj.core.groups.Tuple.tuple("POST", "/api/customers/c000000000000004/merge-into/c000000000000003"));
        Request branch = requests.get(1);
        assertThat(branch.body().get("force").asBoolean()).isTrue();
        assertThat(branch.body().get("forceReason").asString()).contains("分公司");
        assertThat(branch.body().at("/card/basic/name").asString()).isEqualTo("绍兴鉴湖黄酒");
        assertThat(requests.get(0).body().at("/card/basic/name").asString()).isEqualTo("绍兴鉴湖黄酒有限公司");
        assertThat(requests.get(3).body().at("/card/basic/phones/0").asString()).isEqualTo("+86 512 6688 1200");
        assertThat(requests.get(2).body().at("/card/basic/phones/0").asString()).isEqualTo("0512-6688 1200");
        assertThat(requests.get(4).body().get("reason").asString()).contains("重复登记");
    }

    @Test
    void the_demo_organisation_has_two_branches_four_teams_of_three_reps_a_clerk_and_finance() throws Exception {
        List<Request> requests = new ArrayList<>();
        DemoData demo = new DemoData((user, method, path, body) -> {
            requests.add(new Request(user, method, path, JSON.readTree(body)));
            return "{}";
        }, NOW);
        demo.organisation();

        assertThat(requests).allSatisfy(request -> {
            assertThat(request.user()).isEqualTo("admin");
            assertThat(request.method()).isEqualTo(request.path().equals("/api/org/units") ? "POST" : "PUT");
        });
        assertThat(requests.stream().filter(request -> request.path().equals("/api/org/units"))
                .map(request -> request.body().get("code").asString() + "<" + request.body().path("parentCode").asString(""))
                .toList()).containsExactly("HQ<", "HZ<HQ", "SZ<HQ", "HZ-1<HZ", "HZ-2<HZ", "SZ-1<SZ", "SZ-2<SZ");
        Map<String, List<String>> teams = new LinkedHashMap<>();
        requests.stream().filter(request -> request.path().startsWith("/api/org/members/")).forEach(request ->
                teams.computeIfAbsent(request.body().get("unitCode").asString(), unit -> new ArrayList<>())
                        .add(request.path().substring("/api/org/members/".length()) + " "
                                + request.body().get("position").asString()));
        assertThat(teams).containsExactly(
                Map.entry("HZ-1", List.of("rep-wang TEAM_LEAD", "rep-li REP", "rep-zhang REP")),
                Map.entry("HZ-2", List.of("rep-chen TEAM_LEAD", "rep-zhou REP", "rep-liu REP")),
                Map.entry("SZ-1", List.of("rep-yang TEAM_LEAD", "rep-zhao REP", "rep-huang REP")),
                Map.entry("SZ-2", List.of("rep-wu TEAM_LEAD", "rep-xu REP", "rep-sun REP")),
                Map.entry("HQ", List.of("clerk CLERK", "finance FINANCE")));
    }

    /**
     * The route card's demo, sent to a stand-in that keeps each outlet's shelf by the archive's rule (sold = last stock +
     * delivered − stock, never below zero, else 409) and refuses as command-side would. NOW is Wednesday 20 May 2026 in
     * the business zone: this week is 2026-W21, the eight weeks before it W13–W20, cycle weeks 1,2,3,4,1,2,3,4. Worked by
     * hand: HZ-R01's outlet 1 ([1,3], Monday) is checked on 23 Mar, 6 Apr, 20 Apr and 4 May; its outlet 5 ([2,4],
     * Friday) on 3 Apr, 17 Apr, 1 May and 15 May; SZ-R01's outlet 5 never (rep-zhao skips Friday outlets); outlet 28
     * ([1,3], Thursday, on the route from Monday 20 Apr) on 23 Apr and 7 May.
     */
    @Test
    void the_demo_routes_keep_their_plan_their_shelves_and_their_remarks() throws Exception {
        List<Request> requests = new ArrayList<>();
        Map<String, Integer> shelf = new java.util.HashMap<>();
        List<String> refused = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger customers = new java.util.concurrent.atomic.AtomicInteger();
        DemoData demo = new DemoData((user, method, path, body) -> {
            JsonNode json = JSON.readTree(body.isEmpty() ? "{}" : body);
            if (path.endsWith("/visits")) {
                String outlet = path.split("/")[3];
                Map<String, Integer> next = new java.util.HashMap<>();
                for (JsonNode line : json.path("storeCheck")) {
                    String key = outlet + " " + line.get("sku").asString();
                    Integer previous = line.has("correctedPreviousStock") ? Integer.valueOf(line.get("correctedPreviousStock")
                            .asInt()) : shelf.get(key);
                    int stock = line.get("stock").asInt();
                    if (previous != null && previous + line.get("delivered").asInt() - stock < 0) {
                        refused.add(key);
                        throw new IllegalStateException("409 store-check-inconsistent");
                    }
                    next.put(key, stock);
                }
                shelf.putAll(next);
            }
            requests.add(new Request(user, method, path, json));
            return path.equals("/api/customers") ? "{\"customerId\": \"c%015d\"}".formatted(customers.incrementAndGet())
                    : "{}";
        }, NOW);
        demo.routes();

        Map<String, String> routeOf = new LinkedHashMap<>();
        Map<String, String> outletNo = new LinkedHashMap<>();
        for (Request request : requests) {
            if (request.path().endsWith("/route")) {
                String routeNo = request.body().at("/route/routeNo").asString();
                assertThat(request.user()).isEqualTo("manager");
                routeOf.put(request.path().split("/")[3], routeNo);
                outletNo.put(request.path().split("/")[3], routeNo + " " + request.body().at("/route/sequence").asInt());
            }
        }
        assertThat(routeOf.values().stream().filter("HZ-R01"::equals).count()).isEqualTo(30);
        assertThat(routeOf.values().stream().filter("SZ-R01"::equals).count()).isEqualTo(30);

        Map<String, List<String>> checkedOn = new LinkedHashMap<>();
        for (Request request : requests) {
            if (request.path().endsWith("/visits")) {
                String outlet = outletNo.get(request.path().split("/")[3]);
                assertThat(request.user()).isEqualTo("manager");
                checkedOn.computeIfAbsent(outlet, o -> new ArrayList<>()).add(LocalDate.ofInstant(
                        Instant.parse(request.body().get("occurredAt").asString()), DemoData.BUSINESS_ZONE).toString());
            }
        }
        assertThat(checkedOn.get("HZ-R01 1")).containsExactly("2026-03-23", "2026-04-06", "2026-04-20", "2026-05-04");
        assertThat(checkedOn.get("HZ-R01 5")).containsExactly("2026-04-03", "2026-04-17", "2026-05-01", "2026-05-15");
        assertThat(checkedOn.get("SZ-R01 28")).containsExactly("2026-04-23", "2026-05-07");
        // the new outlets came on their routes on Monday 20 April (W17), the fifth week: never due before it
        assertThat(requests.stream().filter(request -> request.path().endsWith("/route")
                        && request.body().at("/route/sequence").asInt() > 27)
                .map(request -> request.body().get("occurredAt").asString()).distinct().toList())
                .containsExactly(java.time.LocalDate.of(2026, 4, 20).atTime(8, 0).atZone(DemoData.BUSINESS_ZONE)
                        .toInstant().toString());
        assertThat(checkedOn).doesNotContainKeys("SZ-R01 5", "SZ-R01 11", "SZ-R01 17", "SZ-R01 23", "SZ-R01 29");
        assertThat(checkedOn.keySet().stream().filter(outlet -> outlet.startsWith("HZ"))).hasSize(30);

        // some counts were refused and counted again; one corrected the count before, with its reason
        assertThat(refused).hasSizeGreaterThanOrEqualTo(2);
        List<JsonNode> corrections = requests.stream().filter(request -> request.path().endsWith("/visits"))
                .flatMap(request -> request.body().path("storeCheck").valueStream())
                .filter(line -> line.has("correctedPreviousStock")).toList();
        assertThat(corrections).hasSize(1);
        assertThat(corrections.get(0).get("correctionReason").asString()).contains("漏数");

        assertThat(requests.stream().filter(request -> request.path().endsWith("/remarks"))
                .map(request -> outletNo.get(request.path().split("/")[3]) + " by " + request.user()).toList())
                .containsExactly("HZ-R01 2 by manager", "HZ-R01 9 by manager", "HZ-R01 15 by manager",
                        "SZ-R01 2 by manager", "SZ-R01 9 by manager", "SZ-R01 15 by manager");
        assertThat(requests.stream().filter(request -> request.path().endsWith("/acknowledge"))
                .map(request -> outletNo.get(request.path().split("/")[3]) + " "
                        + request.path().substring(request.path().indexOf("/remarks"))).toList())
                .containsExactly("HZ-R01 2 /remarks/1/acknowledge", "SZ-R01 2 /remarks/1/acknowledge");
        // the clerk entered every outlet's card, the manager signed each (another user than its author)
        assertThat(requests.stream().filter(request -> request.path().equals("/api/customers")).map(Request::user)
                .distinct().toList()).containsExactly("clerk");
        assertThat(requests.stream().filter(request -> request.path().endsWith("/admission/approve"))
                .filter(request -> request.user().equals("manager")).count()).isEqualTo(60);
        // the outlets are the reps': rep-li's on HZ-R01, rep-zhao's on SZ-R01
        assertThat(requests.stream().filter(request -> request.path().equals("/api/customers"))
                .map(request -> request.body().get("ownerId").asString()).distinct().toList())
                .containsExactly("rep-li", "rep-zhao");
    }

    /** Every customer's requests in order, each customer on its own (as the threads of a real run write them). */
    private static Map<String, List<Request>> record(long seed) throws Exception {
        Map<String, List<Request>> byCustomer = new LinkedHashMap<>();
        DemoData demo = new DemoData((user, method, path, body) -> {
            // ids as command-side would answer them: a customer's "c000…n", a complaint's or a card's anything
            String customer = path.equals("/api/customers") ? "c%015d".formatted(byCustomer.size())
                    : path.startsWith("/api/customers/c") ? path.split("/")[3] : null;
            if (customer != null) {
                byCustomer.computeIfAbsent(customer, key -> new ArrayList<>())
                        .add(new Request(user, method, path, JSON.readTree(body)));
            }
            if (path.endsWith("/credit")) {
                // terms and limits of an approved card are proposed
                return "{\"proposal\": {\"proposalId\": \"9c1d7e0a-3f55-4d0b-8a7e-5f2c1b9d0e11\"}}";
            }
            return path.equals("/api/customers") ? "{\"customerId\": \"" + customer + "\"}"
                    : "{\"complaintId\": \"0000000000000000\", \"cardNumber\": \"8886000000000001\"}";
        }, NOW);
        for (int number = 0; number < CUSTOMERS; number++) {
            demo.customer(number, DemoData.randomFor(seed, number));
        }
        return byCustomer;
    }
}
