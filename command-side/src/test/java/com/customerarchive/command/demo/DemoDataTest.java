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
