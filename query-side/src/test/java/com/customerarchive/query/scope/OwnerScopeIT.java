package com.customerarchive.query.scope;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.OpenApi;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both apps with the default access rule (API.md): a SALES user reads and writes only the customers it owns. Driven by
 * both OpenAPI documents, so an operation added later is tried too: every operation that names a customer (its id or
 * its card's number) is called by the rep on another rep's customer and must be refused, and the same call on the rep's
 * own customer shows the request itself was fine; every operation that names an owner is asked for another rep's. An
 * operation that does neither must be listed below as exempt, with the reason.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class OwnerScopeIT {

    private static final String REP = "sales";
    private static final String OTHER_REP = "rep-other";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Operations that name neither a customer nor an owner, and why the rule has nothing to refuse there. */
    private static final Map<String, String> EXEMPT = Map.ofEntries(
            Map.entry("GET /api/me", "the caller's own name and roles"),
            Map.entry("GET /api/customers/by-code/{code}", "answers as GET /api/profiles/{customerId} (tried), whose "
                    + "check refuses another rep's customer"),
            Map.entry("POST /api/admin/admission/migrate", "codes every customer registered before review (ADMIN only)"),
            Map.entry("GET /api/audit/checkpoint", "one signed head per customer for auditors (AUDITOR, ADMIN only)"),
            Map.entry("GET /api/audit/access", "the access trail for auditors (AUDITOR, ADMIN only); user names a reader, "
                    + "not an owner"),
            Map.entry("GET /api/events/stream", "the integrators' live feed of every customer (INTEGRATOR, ADMIN only)"),
            Map.entry("GET /api/reports/grade-migration", "counts over every customer (MANAGER, ADMIN only)"),
            Map.entry("GET /api/reports/referrals", "a ranking over every customer (MANAGER, ADMIN only)"),
            Map.entry("GET /api/reports/statistics", "counts over every customer (MANAGER, ADMIN only)"),
            Map.entry("GET /api/reports/complaints", "counts over every customer (MANAGER, ADMIN only)"),
            Map.entry("GET /api/reports/membership", "counts over every card (MANAGER, ADMIN only)"),
            Map.entry("GET /api/reports/snapshots", "frozen reports, for managers and auditors (no SALES)"),
            Map.entry("GET /api/reports/snapshots/{id}", "a frozen report, for managers and auditors (no SALES)"),
            Map.entry("GET /api/reports/snapshots/{id}/verify", "a frozen report checked, for managers and auditors (no SALES)"),
            Map.entry("POST /api/reports/snapshots", "freezes a report (MANAGER, ADMIN only)"),
            Map.entry("GET /api/admin/projections", "the read models' positions, no customer (MANAGER, ADMIN only)"),
            Map.entry("GET /api/admin/projections/{name}", "one read model's position, no customer (MANAGER, ADMIN only)"),
            Map.entry("POST /api/admin/projections/{name}/replay", "rebuilds a read model, no customer (ADMIN only)"));

    /**
     * Bodies the schema alone cannot give a request that passes the checks before the owner's: a referrer that exists,
     * an owner the rep may name, a registration whose card is complete, a card edit that changes something.
     * {@code {another}} is the other customer of the two.
     */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/customers", registration(REP, "Registered By The Rep"),
            "PUT /api/customers/{customerId}/referrer", "{\"referredBy\": \"{another}\", \"reason\": \"met at a fair\"}",
            "PUT /api/customers/{customerId}/owner", "{\"ownerId\": \"" + REP + "\", \"reason\": \"mine now\"}",
            "PATCH /api/customers/{customerId}/card", "{\"basic\": {\"occupation\": \"engineer\"}}");

    /** Query parameters an operation needs of which the document marks none required (as-of takes at or version). */
    private static final Map<String, String> QUERIES = Map.of(
            "GET /api/profiles/{customerId}/as-of", "version=1");

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private static Customer own;
    private static Customer other;

    /** A customer with something behind every path variable: a complaint, purchase number 1, a membership card. */
    private record Customer(String id, String complaintId, String cardNumber) {

        String fill(String template, Customer another) {
            Matcher variable = Pattern.compile("\\{(\\w+)}").matcher(template);
            StringBuilder filled = new StringBuilder();
            while (variable.find()) {
                String value = switch (variable.group(1)) {
                    case "customerId" -> id;
                    case "complaintId" -> complaintId;
                    case "cardNumber" -> cardNumber;
                    case "purchaseNo" -> "1";
                    case "proposalId" -> "9c1d7e0a-3f55-4d0b-8a7e-5f2c1b9d0e11";
                    case "field" -> "basic.phones";
                    case "another" -> another.id;
                    default -> throw new AssertionError("no value for {" + variable.group(1) + "} in " + template
                            + ": give this test's Customer one");
                };
                variable.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            return variable.appendTail(filled).toString();
        }
    }

    @BeforeAll
    static void start() {
        commandSide = AppProcess.startOwnerScoped("command-side");
        querySide = AppProcess.startOwnerScoped("query-side");
        commands = new Api(commandSide.baseUrl());
        queries = new Api(querySide.baseUrl());
        own = prepared(REP, "Own Customer");
        other = prepared(OTHER_REP, "Another Rep's Customer");
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + own.id() + "?minVersion=4",
                "manager").status() == 200 && queries.get("/api/profiles/" + other.id() + "?minVersion=4", "manager")
                .status() == 200);
    }

    @AfterAll
    static void stop() {
        querySide.stop();
        commandSide.stop();
    }

    @Test
    void every_operation_on_another_reps_customer_or_owner_is_refused_to_a_rep_and_writes_nothing() {
        List<String> wrong = new ArrayList<>();
        Set<String> tried = new LinkedHashSet<>();
        Set<String> documented = new LinkedHashSet<>();
        for (Api app : List.of(queries, commands)) {
            OpenApi document = OpenApi.servedBy(app);
            for (OpenApi.Operation operation : document.operations()) {
                documented.add(operation.name());
                boolean namesCustomer = operation.parameters("path").stream()
                        .anyMatch(name -> name.equals("customerId") || name.equals("cardNumber"))
                        || operation.parameters("query").contains("customerId");
                boolean namesOwner = operation.parameters("query").contains("ownerId")
                        || document.resolved(operation.bodySchema()).path("properties").has("ownerId");
                if (namesCustomer) {
                    tried.add(operation.name());
                    wrong.addAll(refused(operation, call(app, document, operation, other, own, null),
                            call(app, document, operation, own, other, null)));
                } else if (namesOwner) {
                    tried.add(operation.name());
                    wrong.addAll(refused(operation, call(app, document, operation, own, other, OTHER_REP),
                            call(app, document, operation, own, other, REP)));
                } else if (!EXEMPT.containsKey(operation.name())) {
                    wrong.add(operation.name() + " names no customer and no owner, so it is not tried: list it in EXEMPT "
                            + "with the reason, or teach this test how it names one");
                }
            }
        }
        long otherEvents = storedEvents(other);
        if (otherEvents != 4) {
            wrong.add("the other rep's customer has " + otherEvents + " events, not its 4: a refused write was stored");
        }
        assertThat(wrong).isEmpty();
        assertThat(tried).as("the writes of API.md and the reads of one customer are among those tried").contains(
                "POST /api/customers", "POST /api/customers/{customerId}/visits", "PATCH /api/customers/{customerId}/card",
                "PUT /api/customers/{customerId}/owner", "POST /api/customers/membership-cards/{cardNumber}/uses",
                "POST /api/customers/{customerId}/complaints/{complaintId}/resolve", "GET /api/profiles/{customerId}",
                "GET /api/profiles/{customerId}/history", "GET /api/membership-cards/{cardNumber}", "GET /api/agenda");
        assertThat(documented).as("every exemption names an operation of the documents").containsAll(EXEMPT.keySet());
        assertThat(tried).as("an operation that names a customer or an owner is tried, not exempt")
                .doesNotContainAnyElementsOf(EXEMPT.keySet());
    }

    @Test
    void a_reps_lists_hold_its_own_customers_only_and_a_manager_sees_every_one() {
        JsonNode page = queries.get("/api/profiles?size=200", REP).json();
        assertThat(page.get("items").valueStream().map(item -> item.get("ownerId").asString()).distinct().toList())
                .containsExactly(REP);
        JsonNode cards = queries.get("/api/membership-cards?size=200", REP).json();
        assertThat(cards.get("items").valueStream().map(card -> card.get("cardNumber").asString()).toList())
                .contains(own.cardNumber()).doesNotContain(other.cardNumber());
        // a customer of each rep with a birthday five days ahead (the other test may archive the rep's own customer)
        String ownBirthday = registeredWithBirthday(REP, "Own Birthday");
        String otherBirthday = registeredWithBirthday(OTHER_REP, "Another Rep's Birthday");
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + ownBirthday + "?minVersion=1",
                "manager").status() == 200 && queries.get("/api/profiles/" + otherBirthday + "?minVersion=1", "manager")
                .status() == 200);
        assertThat(agendaCustomers(REP, "/api/agenda")).contains(ownBirthday).doesNotContain(otherBirthday, other.id());
        assertThat(agendaCustomers("manager", "/api/agenda?ownerId=" + OTHER_REP)).contains(otherBirthday)
                .doesNotContain(ownBirthday);
        assertThat(queries.get("/api/profiles/" + other.id(), "manager").status()).isEqualTo(200);
        Api.Response registered = commands.post("/api/customers", "manager", registration(OTHER_REP, "Manager's Pick"));
        assertThat(registered.status()).as("a manager writes every rep's customers").isEqualTo(201);
        assertThat(commands.post("/api/customers/" + registered.json().get("customerId").asString() + "/visits",
                "manager", "{\"method\": \"PHONE\"}").status()).isEqualTo(201);
    }

    /**
     * What is wrong with the answers to one request as the rep: on the other rep's customer (or naming the other
     * rep) it is 403 not-your-customer, while on its own it is answered past the owner's check (neither 403 nor 400
     * nor 5xx). An operation SALES may not call at all is 403 (forbidden) both ways.
     */
    private static List<String> refused(OpenApi.Operation operation, Api.Response others, Api.Response owns) {
        String name = operation.name();
        if (owns.status() == 403) {
            return type(owns).endsWith("/not-your-customer") || others.status() != 403
                    ? List.of(name + " refuses the rep its own customer: " + describe(owns) + "; another's: " + describe(others))
                    : List.of();
        }
        List<String> wrong = new ArrayList<>();
        if (owns.status() == 400 || owns.status() >= 500) {
            wrong.add(name + " on the rep's own customer answers " + describe(owns) + ": this test's request is not one "
                    + "the operation takes (give it a body in BODIES or a query in QUERIES)");
        }
        if (others.status() != 403 || !type(others).endsWith("/not-your-customer")) {
            wrong.add(name + " on another rep's customer answers " + describe(others) + ", not 403 not-your-customer");
        }
        return wrong;
    }

    /** The operation called as the rep on {@code customer}; {@code owner}, when given, fills an ownerId. */
    private static Api.Response call(Api app, OpenApi document, OpenApi.Operation operation, Customer customer,
                                     Customer another, String owner) {
        List<String> query = new ArrayList<>();
        if (QUERIES.containsKey(operation.name())) {
            query.add(QUERIES.get(operation.name()));
        }
        for (JsonNode parameter : operation.requiredQueryParameters()) {
            query.add(parameter.get("name").asString() + "=" + encoded(document.example(parameter.path("schema"))));
        }
        if (operation.parameters("query").contains("customerId")) {
            query.add("customerId=" + customer.id());
        }
        if (owner != null && operation.parameters("query").contains("ownerId")) {
            query.add("ownerId=" + owner);
        }
        String path = customer.fill(operation.path(), another) + (query.isEmpty() ? "" : "?" + String.join("&", query));
        String body = null;
        if (operation.takesBody()) {
            JsonNode json = BODIES.containsKey(operation.name())
                    ? JSON.readTree(customer.fill(BODIES.get(operation.name()), another))
                    : document.example(operation.bodySchema());
            if (owner != null && json.has("ownerId")) {
                ((ObjectNode) json).put("ownerId", owner);
            }
            body = json.toString();
        }
        return app.call(operation.method(), path, REP, body, null);
    }

    private static String encoded(JsonNode value) {
        return URLEncoder.encode(value.asString(), StandardCharsets.UTF_8);
    }

    private static String type(Api.Response answer) {
        String body = answer.raw().body();
        return body == null || !body.startsWith("{") ? "" : answer.json().path("type").asString("");
    }

    private static String describe(Api.Response answer) {
        return answer.status() + " " + type(answer);
    }

    /** Registered by a manager, then a complaint, a purchase and a card: version 4. */
    private static Customer prepared(String owner, String name) {
        Api.Response registered = commands.post("/api/customers", "manager", registration(owner, name));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String id = registered.json().get("customerId").asString();
        Api.Response complaint = commands.post("/api/customers/" + id + "/complaints", "manager", """
                {"category": "DELIVERY", "severity": "LOW", "description": "late parcel", "channel": "PHONE"}""");
        assertThat(complaint.status()).as(complaint.raw().body()).isEqualTo(201);
        Api.Response purchase = commands.post("/api/customers/" + id + "/purchases", "manager", """
                {"product": "tea", "quantity": 1, "amount": 20, "currency": "CNY", "orderRef": "SCOPE-1"}""");
        assertThat(purchase.status()).as(purchase.raw().body()).isEqualTo(201);
        Api.Response card = commands.post("/api/customers/" + id + "/membership-card", "manager", """
                {"tier": "STANDARD", "validUntil": "2099-12-31", "fee": 0, "identityChecked": true}""");
        assertThat(card.status()).as(card.raw().body()).isEqualTo(201);
        assertThat(card.json().get("version").asLong()).isEqualTo(4);
        return new Customer(id, complaint.json().get("complaintId").asString(), card.json().get("cardNumber").asString());
    }

    private static String registration(String owner, String name) {
        return registration(owner, name, "");
    }

    /** {@code moreBasic}: more fields of the card's basic section, each after a comma. */
    private static String registration(String owner, String name, String moreBasic) {
        return """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "C",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"%s}}}""".formatted(owner, name, moreBasic);
    }

    /** Registered by a manager with a birthday five days from today: on its owner's agenda. */
    private static String registeredWithBirthday(String owner, String name) {
        String birthday = LocalDate.now(ZoneOffset.UTC).plusDays(5).minusYears(30).toString();
        Api.Response registered = commands.post("/api/customers", "manager", registration(owner, name,
                ", \"birthday\": \"" + birthday + "\""));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return registered.json().get("customerId").asString();
    }

    /** The customers on the agenda {@code user} reads at {@code path}. */
    private static List<String> agendaCustomers(String user, String path) {
        Api.Response agenda = queries.get(path, user);
        assertThat(agenda.status()).as(agenda.raw().body()).isEqualTo(200);
        return agenda.json().valueStream().map(item -> item.get("customerId").asString()).toList();
    }

    private static long storedEvents(Customer customer) {
        TestDatabase database = TestDatabase.get();
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()))
                .sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?")
                .param(customer.id()).query(Long.class).single();
    }
}
