package com.customerarchive.query.admission;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * Review by HTTP on real PostgreSQL, with review on (the product's default) on two command-sides over one store: a
 * card from a rep's registration through a manager's return and approval to a coded customer; concurrent approvals
 * through both command-sides give distinct, gap-free codes; a clerk's and a rep's rights; the migration run twice.
 */
// closed after the class: a query-side left running in this JVM would hold the one pass's lock on the shared database
// and starve the ITs after it that start query-sides of their own (OnePassIT waited on a pass that never ran)
@DirtiesContext
class AdmissionIT extends BothAppsTest {

    private static final Map<String, String> REVIEW_ON = Map.of("ARCHIVE_ADMISSION_ENABLED", "true");
    private static AppProcess first;
    private static AppProcess second;
    private static Api one;
    private static Api two;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void twoCommandSidesWithReviewOn() {
        first = AppProcess.start("command-side", List.of("-Xmx256m"), REVIEW_ON);
        second = AppProcess.start("command-side", List.of("-Xmx256m"), REVIEW_ON);
        one = new Api(first.baseUrl());
        two = new Api(second.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.stop();
        }
        if (second != null) {
            second.stop();
        }
    }

    private Api queries() {
        return new Api("http://localhost:" + port);
    }

    private static String card(String name, String province, String city) {
        return """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EXHIBITION", "grade": "B",
                 "ownerId": "sales",
                 "card": {"basic": {"name": "%s", "address": {"province": "%s", "city": "%s"},
                                    "phones": ["0571-87654321"], "industry": "tea", "taxNumber": "330100123456789"},
                          "contacts": [{"name": "李娜", "role": "DECISION_MAKER"}]}}""".formatted(name, province, city);
    }

    private static String register(Api side, String user, String body) {
        Api.Response created = side.post("/api/customers", user, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        return created.json().get("customerId").asString();
    }

    private JsonNode profileAt(String id, long version) {
        return await().atMost(Duration.ofSeconds(90)).until(() -> queries().get("/api/profiles/" + id
                + "?minVersion=" + version, "manager"), answer -> answer.status() == 200).json();
    }

    private static int year() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    }

    @Test
    void a_card_goes_from_the_reps_registration_through_return_and_approval_to_a_coded_customer() {
        // an owner of this run's own: a database kept from an earlier run holds that run's rep-harbour
        String owner = "rep-harbour-" + UUID.randomUUID().toString().substring(0, 8);
        String id = register(one, "sales", card("宁波海港贸易有限公司", "浙江", "宁波")
                .replace("\"ownerId\": \"sales\"", "\"ownerId\": \"" + owner + "\""));
        String path = "/api/customers/" + id;

        JsonNode pending = profileAt(id, 1);
        assertThat(pending.get("admission").asString()).isEqualTo("PENDING_REVIEW");
        assertThat(pending.has("code")).isFalse();
        assertThat(one.post(path + "/purchases", "sales", """
                {"product": "tea", "quantity": 1, "amount": 100, "currency": "CNY", "orderRef": "SO-WAIT"}""")
                .json().get("rule").asString()).isEqualTo("customer-not-approved");
        assertThat(one.post(path + "/visits", "sales", "{\"method\": \"PHONE\"}").status()).isEqualTo(201);

        // the manager sends it back: the street is missing
        Api.Response returned = one.post(path + "/admission/return", "manager", """
                {"reasons": [{"field": "basic.address.street", "message": "the street is missing"}]}""");
        assertThat(returned.status()).as(returned.raw().body()).isEqualTo(200);
        JsonNode queue = await().atMost(Duration.ofSeconds(20)).until(() -> queries().get("/api/admission/queue",
                "manager").json(), answer -> item(answer, id) != null && "RETURNED".equals(
                item(answer, id).get("admission").asString()));
        assertThat(item(queue, id).get("returnReasons").get(0).get("message").asString())
                .isEqualTo("the street is missing");
        // and how complete the card is: name 5 + city 5 + phones 8 + industry 5 + tax number 4 + contacts 12 of 100
        assertThat(item(queue, id).get("completeness").get("score").asInt()).isEqualTo(39);
        assertThat(item(queue, id).get("completeness").get("missing").get("basic").toString())
                .contains("\"basic.address.street\"");
        assertThat(one.post(path + "/admission/approve", "manager", "{}").json().get("rule").asString())
                .isEqualTo("admission-not-pending");

        // the rep corrects and resubmits; the manager approves: the customer is coded
        assertThat(one.patch(path + "/card", "sales", "{\"basic\": {\"address\": {\"street\": \"中山东路 1 号\"}}}")
                .status()).isEqualTo(200);
        assertThat(one.post(path + "/admission/resubmit", "sales", "{\"notes\": \"street added\"}").status())
                .isEqualTo(200);
        Api.Response approved = one.post(path + "/admission/approve", "manager", "{\"notes\": \"signed\"}");
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        String code = approved.json().get("code").asString();
        assertThat(code).matches("ZJ" + year() + "\\d{5}");
        assertThat(approved.header("ETag")).isEqualTo("\"6\"");

        JsonNode coded = profileAt(id, 6);
        assertThat(coded.get("admission").asString()).isEqualTo("APPROVED");
        assertThat(coded.get("code").asString()).isEqualTo(code);
        assertThat(queries().get("/api/customers/by-code/" + code, "manager").json().get("customerId").asString())
                .isEqualTo(id);
        assertThat(queries().get("/api/customers/by-code/ZZ000000000", "manager").status()).isEqualTo(404);
        JsonNode found = queries().get("/api/profiles?code=" + code, "manager").json();
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("customerId").asString()).isEqualTo(id);
        JsonNode changes = queries().get("/api/profiles/" + id + "/changes?field=code", "manager").json();
        assertThat(changes.toString()).contains(code);
        assertThat(one.post(path + "/purchases", "sales", """
                {"product": "tea", "quantity": 1, "amount": 100, "currency": "CNY", "orderRef": "SO-NOW"}""").status())
                .isEqualTo(201);
        // a report row that names the customer carries its code
        JsonNode ranked = await().atMost(Duration.ofSeconds(20)).until(() -> queries().get(
                "/api/reports/value?ownerId=" + owner, "manager").json(), rows -> rows.size() == 1
                && rows.get(0).get("purchases").asInt() == 1);
        assertThat(ranked.get(0).get("customerId").asString()).isEqualTo(id);
        assertThat(ranked.get(0).get("code").asString()).isEqualTo(code);
        assertThat(one.post(path + "/membership-card", "sales", """
                {"tier": "GOLD", "validUntil": "%s", "fee": 100, "identityChecked": true}"""
                .formatted(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusYears(1))).status()).isEqualTo(201);
        JsonNode cards = await().atMost(Duration.ofSeconds(20)).until(() -> queries().get(
                "/api/membership-cards?ownerId=" + owner, "manager").json(), page -> page.get("total").asInt() == 1);
        assertThat(cards.get("items").get(0).get("holderCode").asString()).isEqualTo(code);

        // a signed field changes only through a proposal a manager approves; others change at once
        Api.Response edited = one.patch(path + "/card", "sales",
                "{\"basic\": {\"taxNumber\": \"330100999999999\", \"website\": \"www.harbour.example\"}}");
        assertThat(edited.json().get("changed").toString()).isEqualTo("[\"basic.website\"]");
        String proposal = edited.json().get("proposal").get("proposalId").asString();
        assertThat(edited.json().get("proposal").get("fields").toString()).isEqualTo("[\"basic.taxNumber\"]");
        JsonNode waiting = profileAt(id, 10);
        assertThat(waiting.at("/card/basic/taxNumber").asString()).isEqualTo("330100123456789");
        assertThat(waiting.at("/card/basic/website").asString()).isEqualTo("www.harbour.example");
        assertThat(waiting.get("pendingProposals").get(0).get("proposalId").asString()).isEqualTo(proposal);
        assertThat(one.post(path + "/proposals/" + proposal + "/approve", "sales", "{}").status()).isEqualTo(403);
        assertThat(one.post(path + "/proposals/" + proposal + "/approve", "manager", "{}").status()).isEqualTo(200);
        JsonNode signed = profileAt(id, 12);
        assertThat(signed.at("/card/basic/taxNumber").asString()).isEqualTo("330100999999999");
        assertThat(signed.has("pendingProposals")).isFalse();

        // the feed carries the code on the customer's events from the approval on
        List<JsonNode> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            events.clear();
            queries().get("/api/events?customerId=" + id, "integrator").json().get("events").forEach(events::add);
            return events.size() == 12;
        });
        assertThat(events.get(0).has("customercode")).isFalse();
        assertThat(events.get(5).get("type").asString()).isEqualTo("customerarchive.CustomerApproved");
        assertThat(events.subList(5, 12)).allMatch(event -> code.equals(event.path("customercode").asString()));
    }

    private static JsonNode item(JsonNode queue, String id) {
        for (JsonNode item : queue.get("items")) {
            if (item.get("customerId").asString().equals(id)) {
                return item;
            }
        }
        return null;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void concurrent_approvals_through_two_command_sides_give_distinct_gap_free_codes() throws Exception {
        int cards = 16;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cards; i++) {
            ids.add(register(i % 2 == 0 ? one : two, "sales", card("青海盐湖化工 " + i, "青海", "西宁")));
        }
        // two cards that lack their city: refused, they must take no number
        String noCity = "{\"kind\": \"ORGANIZATION\", \"nature\": \"COMPANY\", \"tier\": \"KEY\", \"source\": "
                + "\"EXHIBITION\", \"grade\": \"B\", \"ownerId\": \"sales\", \"card\": {\"basic\": {\"name\": \"%s\", "
                + "\"address\": {\"province\": \"青海\"}}}}";
        List<String> refused = List.of(register(one, "sales", noCity.formatted("无城市 1")),
                register(two, "sales", noCity.formatted("无城市 2")));
        List<String> all = new ArrayList<>(ids);
        all.add(5, refused.get(0));
        all.add(11, refused.get(1));

        ExecutorService managers = Executors.newFixedThreadPool(6);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Api side = i % 2 == 0 ? one : two;
            String id = all.get(i);
            answers.add(managers.submit((Callable<Api.Response>) () ->
                    side.post("/api/customers/" + id + "/admission/approve", "manager", "{}")));
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Api.Response answer = answers.get(i).get(60, TimeUnit.SECONDS);
            if (refused.contains(all.get(i))) {
                assertThat(answer.status()).isEqualTo(409);
                assertThat(answer.json().get("rule").asString()).isEqualTo("required-fields-missing");
                assertThat(answer.json().get("errors").findValuesAsString("field"))
                        .containsExactly("basic.address.city", "basic.phones", "basic.industry", "contacts");
            } else {
                assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
                codes.add(answer.json().get("code").asString());
            }
        }
        managers.shutdown();

        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= cards; n++) {
            expected.add(String.format("QH%d%05d", year(), n));
        }
        assertThat(codes).hasSize(cards).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void a_clerk_enters_and_edits_cards_for_a_rep_and_sees_the_queue_but_may_not_approve_and_a_rep_may_not_either() {
        String id = register(one, "clerk", card("上海外滩文具有限公司", "上海", "上海"));
        String path = "/api/customers/" + id;
        JsonNode registered = profileAt(id, 1);
        assertThat(registered.get("ownerId").asString()).isEqualTo("sales");
        assertThat(one.patch(path + "/card", "clerk", "{\"basic\": {\"website\": \"www.bund.example\"}}").status())
                .isEqualTo(200);
        JsonNode history = await().atMost(Duration.ofSeconds(20)).until(() -> queries().get("/api/profiles/" + id
                + "/history", "auditor").json(), answer -> answer.get("events").size() == 2);
        assertThat(history.get("events").get(0).get("actor").asString()).isEqualTo("clerk");
        assertThat(history.get("events").get(0).at("/data/ownerId").asString()).isEqualTo("sales");
        assertThat(history.get("events").get(1).get("actor").asString()).isEqualTo("clerk");

        assertThat(queries().get("/api/profiles/" + id, "clerk").status()).isEqualTo(200);
        assertThat(item(queries().get("/api/admission/queue", "clerk").json(), id)).isNotNull();
        assertThat(one.post(path + "/admission/approve", "clerk", "{}").status()).isEqualTo(403);
        assertThat(one.post(path + "/admission/return", "clerk",
                "{\"reasons\": [{\"field\": \"basic.name\", \"message\": \"x\"}]}").status()).isEqualTo(403);
        assertThat(one.put(path + "/grade", "clerk", "{\"grade\": \"A\", \"reason\": \"x\"}").status()).isEqualTo(403);
        assertThat(one.post(path + "/admission/approve", "sales", "{}").status()).isEqualTo(403);
        assertThat(queries().get("/api/profiles/" + id, "finance").status()).isEqualTo(200);
        assertThat(one.post("/api/customers", "finance", card("财务 不登记", "上海", "上海")).status()).isEqualTo(403);

        // a manager who registers a card may not sign it: another manager does
        String own = register(two, "manager", card("上海经理自己登记", "上海", "上海"));
        Api.Response selfApproved = one.post("/api/customers/" + own + "/admission/approve", "manager", "{}");
        assertThat(selfApproved.status()).isEqualTo(409);
        assertThat(selfApproved.json().get("rule").asString()).isEqualTo("reviewer-is-author");
        // the clerk's card, by contrast, is the manager's to sign
        assertThat(two.post(path + "/admission/approve", "manager", "{}").status()).isEqualTo(200);
    }

    @Test
    void the_migration_codes_customers_registered_before_review_in_registration_order_and_a_second_run_changes_nothing()
            throws Exception {
        List<String> legacy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            legacy.add(storeRevisionOneRegistration("Legacy Mining " + i));
        }
        String pending = register(one, "sales", card("甘肃待审", "甘肃", "兰州"));

        Api.Response run = migrate(one);
        assertThat(run.status()).as(run.raw().body()).isEqualTo(200);
        List<String> migratedIds = run.json().get("customers").findValuesAsString("customerId");
        assertThat(migratedIds).containsSubsequence(legacy).doesNotContain(pending);
        List<String> codes = new ArrayList<>();
        for (String id : legacy) {
            JsonNode coded = profileAt(id, 2);
            assertThat(coded.get("admission").asString()).isEqualTo("APPROVED");
            codes.add(coded.get("code").asString());
        }
        // registration order: the numbers follow one another in the order the three were stored
        assertThat(codes).allMatch(code -> code.startsWith("XX" + year()));
        int firstNo = Integer.parseInt(codes.get(0).substring(6));
        assertThat(codes).containsExactly(String.format("XX%d%05d", year(), firstNo),
                String.format("XX%d%05d", year(), firstNo + 1), String.format("XX%d%05d", year(), firstNo + 2));

        Api.Response again = migrate(two);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("migrated").asInt()).isEqualTo(0);
        assertThat(one.post("/api/admin/admission/migrate", "manager", "{}").status()).isEqualTo(403);
        for (String id : legacy) {
            assertThat(profileAt(id, 2).get("code").asString()).isEqualTo(codes.get(legacy.indexOf(id)));
            assertThat(profileAt(id, 2).get("version").asLong()).isEqualTo(2);
        }
    }

    /** A registration as a release before review stored it: revision 1, without admission or code. */
    private String storeRevisionOneRegistration(String legalName) throws Exception {
        String id = UUID.randomUUID().toString();
        String payload = """
                {"customerId":"%s","kind":"ORGANIZATION","nature":"COMPANY","tier":"REGULAR","source":"WEBSITE",\
                "grade":"C","ownerId":"rep-old","card":{"basic":{"legalName":"%s"}}}""".formatted(id, legalName);
        String recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String metaData = "{\"actor\":\"sales\",\"occurredAt\":\"" + recordedAt + "\"}";
        jdbc.sql("""
                        INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                            type, time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:eventId, :id, 0, 'Customer', :at, :type, '1', :payload, :meta)""")
                .param("eventId", UUID.randomUUID().toString()).param("id", id).param("at", recordedAt)
                .param("type", "com.customerarchive.events.CustomerRegisteredEvent")
                .param("payload", payload.getBytes(StandardCharsets.UTF_8))
                .param("meta", metaData.getBytes(StandardCharsets.UTF_8)).update();
        return id;
    }

    /**
     * The migration as ADMIN: it walks every uncoded customer of the shared test database (tens of thousands after the
     * other tests), so it may take longer than a request's usual 30 s.
     */
    private static Api.Response migrate(Api app) {
        return app.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.baseUrl()
                        + "/api/admin/admission/migrate")).header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofMinutes(10))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")), "admin");
    }
}
