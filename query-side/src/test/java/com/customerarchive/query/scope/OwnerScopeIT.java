package com.customerarchive.query.scope;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Csv;
import com.customerarchive.query.support.OpenApi;
import com.customerarchive.query.support.Organisations;
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
 * Both apps with the default access rule (API.md, DOMAIN.md's sales organisation): a user reads and writes the
 * customers of its scope — a rep its own, a team lead its team's, a branch manager or clerk its branch's, head office
 * all; a user who is no member by its roles (a SALES user its own). Driven by both OpenAPI documents, so an operation
 * added later is tried too: every operation that names a customer (its id or its card's number) is called by the user
 * on a customer outside its scope and must be refused 403 out-of-scope, and the same call on a customer inside shows
 * the request itself was fine; every operation that names an owner is asked for one outside and one inside. The table
 * {@link #ORGANISATION} says, per position, which owner lies inside and which outside; the same rows run on both apps.
 * An operation that does neither must be listed below as exempt, with the reason.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class OwnerScopeIT {

    private static final String REP = "sales";
    private static final String OTHER_REP = "rep-other";

    /**
     * The organisation of the table: company ORG-HQ; branch ORG-B1 with teams ORG-T1 (org-rep1, its lead org-lead1) and
     * ORG-T2 (org-rep2); branch ORG-B2 with team ORG-T3 (org-rep3) and its clerk org-clerk2; org-bm1 manages ORG-B1,
     * org-head1 is head office. Users log in as {@code <name>/<name>-pw}.
     */
    private static final String USERS = """
            {"archive": {"security": {"users": {
              "org-rep1": {"password": "{noop}org-rep1-pw", "roles": ["SALES"]},
              "org-lead1": {"password": "{noop}org-lead1-pw", "roles": ["MANAGER"]},
              "org-bm1": {"password": "{noop}org-bm1-pw", "roles": ["MANAGER"]},
              "org-clerk2": {"password": "{noop}org-clerk2-pw", "roles": ["CLERK"]},
              "org-head1": {"password": "{noop}org-head1-pw", "roles": ["MANAGER"]},
              "org-lead4": {"password": "{noop}org-lead4-pw", "roles": ["MANAGER"]},
              "org-bm3": {"password": "{noop}org-bm3-pw", "roles": ["MANAGER"]},
              "org-finance2": {"password": "{noop}org-finance2-pw", "roles": ["FINANCE"]}}}}}""";

    /** One row of the table: who acts, in which position, an owner whose customers it may use and one it may not. */
    private record Row(String user, String position, String inside, String outside) {
    }

    private static final List<Row> ORGANISATION = List.of(
            new Row("org-rep1", "REP of ORG-T1", "org-rep1", "org-rep2"),
            new Row("org-lead1", "TEAM_LEAD of ORG-T1", "org-rep1", "org-rep2"),
            new Row("org-bm1", "BRANCH_MANAGER of ORG-B1", "org-rep2", "org-rep3"),
            new Row("org-clerk2", "CLERK of ORG-B2", "org-rep3", "org-rep1"),
            new Row("org-finance2", "FINANCE of ORG-B2", "org-rep3", "org-rep2"),
            new Row("org-head1", "HEAD at ORG-HQ", "org-rep3", null));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Operations that name neither a customer nor an owner, and why the rule has nothing to refuse there. */
    private static final Map<String, String> EXEMPT = Map.ofEntries(
            Map.entry("GET /api/me", "the caller's own name and roles"),
            Map.entry("POST /api/imports", "MANAGER and CLERK only; each row's owner must lie in the importer's scope "
                    + "(ImportTest)"),
            Map.entry("GET /api/imports/{importId}", "an import's report, its importer's or a manager's"),
            Map.entry("GET /api/imports/template.xlsx", "an empty workbook, no customer"),
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
            Map.entry("POST /api/admin/projections/{name}/replay", "rebuilds a read model, no customer (ADMIN only)"),
            Map.entry("GET /api/org", "the part of the tree the user belongs to: each position's part is asserted in "
                    + "each_position_reads_its_part_of_the_organisation_and_lists_only_its_customers"),
            Map.entry("GET /api/org/members/{user}", "a member's placements, no customer: asserted in "
                    + "each_position_reads_its_part_of_the_organisation_and_lists_only_its_customers"),
            Map.entry("POST /api/org/units", "the organisation itself (ADMIN only)"),
            Map.entry("PUT /api/org/units/{code}", "the organisation itself (ADMIN only)"),
            Map.entry("POST /api/org/units/{code}/close", "the organisation itself (ADMIN only)"),
            Map.entry("PUT /api/org/members/{user}", "the organisation itself (ADMIN only)"),
            Map.entry("DELETE /api/org/members/{user}", "the organisation itself (ADMIN only)"),
            Map.entry("GET /api/customers/handover/{jobId}", "a handover job names a job, not a customer; HandoverIT "
                    + "reads it"),
            Map.entry("PUT /api/pools/{poolId}", "a public pool's setup (ADMIN only)"),
            Map.entry("POST /api/admin/pools/sweep", "the pool's return job (ADMIN only)"),
            Map.entry("GET /api/pools", "the pools of the user's units; PoolIT tries a rep outside them"),
            Map.entry("GET /api/pools/{poolId}/customers", "what waits in a pool, for its members (masked) and the "
                    + "managers over it; PoolIT tries a rep outside it"),
            Map.entry("GET /api/reports/briefing", "counts per rep within the user's scope (MANAGER, ADMIN only)"),
            Map.entry("GET /api/routes/{routeNo}", "a route's outlets within the user's scope (the lists' rule); "
                    + "RouteIT reads them as two reps"),
            Map.entry("GET /api/routes/{routeNo}/plan", "a route's plan within the user's scope (the lists' rule); "
                    + "RouteIT reads it as two reps"),
            Map.entry("GET /api/reports/receivables", "receivables aged within the user's scope (MANAGER, ADMIN, "
                    + "FINANCE); MoneyIT reads it as the finance of one branch"),
            Map.entry("GET /api/routes/{routeNo}/card", "a route's card within the user's scope (the lists' rule, "
                    + "RouteBook's, which the plan's two-rep read in RouteIT shows); ConsoleRouteIT reads it as a rep"),
            Map.entry("GET /api/catalogue", "the route card's products and trade types, no customer"),
            Map.entry("PUT /api/catalogue/products/{sku}", "the catalogue itself (ADMIN only)"),
            Map.entry("PUT /api/catalogue/trade-types/{code}", "the catalogue itself (ADMIN only)"),
            Map.entry("GET /api/reports/distribution", "counts of outlets within the user's scope (the reports' rule, "
                    + "which RouteIT's rep reads of the weekly report and trade types show); ConsoleRouteIT reads it as a rep"),
            Map.entry("GET /api/reports/route-week", "a rep's week within the user's scope; RouteIT reads its CSV as "
                    + "a rep, who sees its own row only"),
            Map.entry("GET /api/reports/plan-adherence", "counts of outlets within the user's scope (the reports' rule); "
                    + "ConsoleRouteIT reads it as a rep"),
            Map.entry("GET /api/reports/trade-types", "counts of outlets within the user's scope; RouteIT reads it as a "
                    + "rep, who counts its own outlets only"));

    /**
     * Bodies the schema alone cannot give a request that passes the checks before the owner's: a referrer that exists,
     * an owner the rep may name, a registration whose card is complete, a card edit that changes something.
     * {@code {another}} is the other customer of the two.
     */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/customers", registration("{owner}", "Registered By The Rep")),
            Map.entry("PUT /api/customers/{customerId}/referrer", "{\"referredBy\": \"{another}\", \"reason\": \"met at a fair\"}"),
            Map.entry("PUT /api/customers/{customerId}/owner", "{\"ownerId\": \"{owner}\", \"reason\": \"mine now\"}"),
            Map.entry("POST /api/customers/{customerId}/assign", "{\"ownerId\": \"{owner}\", \"reason\": \"mine now\"}"),
            Map.entry("PATCH /api/customers/{customerId}/card", "{\"basic\": {\"occupation\": \"engineer\"}}"),
            Map.entry("POST /api/customers/{customerId}/admission/return", "{\"reasons\": [{\"field\": \"basic.street\", \"message\": \"street missing\"}]}"),
            Map.entry("POST /api/customers/{customerId}/purchases/{purchaseNo}/shipments", "{\"quantity\": 1, \"amount\": 1.00, \"reference\": \"SCOPE-DN\"}"),
            Map.entry("POST /api/customers/{customerId}/collections", "{\"amount\": 1.00, \"reference\": \"SCOPE-BANK\"}"),
            Map.entry("POST /api/customers/{customerId}/collections/{reference}/reverse", "{\"reason\": \"bounced\"}"),
            Map.entry("PUT /api/customers/{customerId}/credit", "{\"creditRating\": \"A\"}"),
            Map.entry("POST /api/customers/{customerId}/visits", "{\"method\": \"PHONE\"}"),
            Map.entry("POST /api/customers/{customerId}/remarks", "{\"text\": \"check the PET500 stock\"}"),
            Map.entry("PUT /api/customers/{customerId}/route", "{\"route\": {\"branch\": \"杭州所\", \"routeNo\": \"R-1\", \"sequence\": 1, \"visitWeeks\": [1, 3], \"weekday\": \"FRIDAY\"}, \"tradeType\": \"12\"}"));

    /** Query parameters an operation needs of which the document marks none required (as-of takes at or version). */
    private static final Map<String, String> QUERIES = Map.of(
            "GET /api/profiles/{customerId}/as-of", "version=1",
            "GET /api/reports/activity", "from=2026-01-01&to=2026-02-01",
            "GET /api/reports/pool", "from=2026-01-01&to=2026-02-01",
            "GET /api/reports/drill", "report=at-risk&figure=customers");

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private static Customer own;
    private static Customer other;

    /** A customer with something behind every path variable: a complaint, purchase number 1, a membership card. */
    private record Customer(String id, String complaintId, String cardNumber, String owner) {

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
                    // a collection the customer does not have: past the scope's check (collection-not-found)
                    case "reference" -> "SCOPE-NONE";
                    // a remark the customer does not have: past the scope's check (remark-unknown)
                    case "remarkNo" -> "99";
                    case "field" -> "basic.phones";
                    case "another" -> another.id;
                    // merged into itself: past the scope's check (merge-into-itself); a target outside the scope is
                    // tried in a_team_lead_hands_over_within_its_team_only
                    case "targetId" -> id;
                    case "owner" -> owner;
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
        commandSide = AppProcess.startOwnerScoped("command-side", Map.of("SPRING_APPLICATION_JSON", USERS));
        querySide = AppProcess.startOwnerScoped("query-side", Map.of("SPRING_APPLICATION_JSON", USERS));
        commands = new Api(commandSide.baseUrl());
        queries = new Api(querySide.baseUrl());
        own = prepared(REP, "Own Customer");
        other = prepared(OTHER_REP, "Another Rep's Customer");
        Organisations.open(commands, new String[]{"ORG-B1", "杭州分公司", Organisations.COMPANY},
                new String[]{"ORG-B2", "宁波分公司", Organisations.COMPANY}, new String[]{"ORG-T1", "一组", "ORG-B1"},
                new String[]{"ORG-T2", "二组", "ORG-B1"}, new String[]{"ORG-T3", "三组", "ORG-B2"});
        place("org-rep1", "ORG-T1", "REP");
        place("org-lead1", "ORG-T1", "TEAM_LEAD");
        place("org-rep2", "ORG-T2", "REP");
        place("org-bm1", "ORG-B1", "BRANCH_MANAGER");
        place("org-rep3", "ORG-T3", "REP");
        place("org-clerk2", "ORG-B2", "CLERK");
        place("org-finance2", "ORG-B2", "FINANCE");
        place("org-head1", "ORG-HQ", "HEAD");
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
        Set<String> tried = new LinkedHashSet<>();
        List<String> wrong = wrongAnswers(REP, own, other, tried);
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
    }

    /**
     * The table: each position, on both apps, on every operation, is refused a customer (and an owner) outside its
     * scope with 403 out-of-scope and nothing is written, and takes one inside; head office is refused none.
     */
    @Test
    void every_operation_follows_the_organisation_table_on_both_apps() {
        List<String> wrong = new ArrayList<>();
        for (Row row : ORGANISATION) {
            Customer inside = prepared(row.inside(), "Inside " + row.user());
            Customer outside = prepared(row.outside() == null ? REP : row.outside(), "Outside " + row.user());
            awaitKnown(inside, outside);
            if (row.outside() == null) {
                // head office: a customer of another branch and one of a rep who is no member are both inside
                for (Customer anyone : List.of(inside, outside)) {
                    Api.Response read = queries.get("/api/profiles/" + anyone.id(), row.user());
                    Api.Response visit = commands.post("/api/customers/" + anyone.id() + "/visits", row.user(),
                            "{\"method\": \"PHONE\"}");
                    if (read.status() != 200 || visit.status() != 201) {
                        wrong.add(row + ": head office on " + anyone.owner() + "'s customer: read " + describe(read)
                                + ", visit " + describe(visit));
                    }
                }
                continue;
            }
            wrongAnswers(row.user(), inside, outside, new LinkedHashSet<>())
                    .forEach(answer -> wrong.add(row.position() + " (" + row.user() + "): " + answer));
            // the table is not passed by refusing everything: inside, the position reads (and a writer writes)
            Api.Response read = queries.get("/api/profiles/" + inside.id(), row.user());
            if (read.status() != 200) {
                wrong.add(row + ": reads its customer " + describe(read));
            }
            if (!row.user().equals("org-finance2") && !row.user().equals("org-clerk2")) {
                // a fresh customer of the row's inside owner: the table's calls archived the first one
                Customer fresh = prepared(row.inside(), "Fresh " + row.user());
                Api.Response visit = commands.post("/api/customers/" + fresh.id() + "/visits", row.user(),
                        "{\"method\": \"PHONE\"}");
                if (visit.status() != 201) {
                    wrong.add(row + ": records a visit to its customer " + describe(visit));
                }
            }
            long outsideEvents = storedEvents(outside);
            if (outsideEvents != 4) {
                wrong.add(row + ": the customer outside has " + outsideEvents + " events, not its 4");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The tree each position reads (its part, by hand), the lists of a team lead and a branch manager, and a rep moved
     * to another team: its lead stops seeing its customers from that moment, on both apps, and the move is kept.
     */
    @Test
    void each_position_reads_its_part_of_the_organisation_and_lists_only_its_customers() {
        Organisations.open(commands, new String[]{"ORG-T4", "四组", "ORG-B2"});
        place("org-lead4", "ORG-T4", "TEAM_LEAD");
        place("org-rep4", "ORG-T4", "REP");
        Customer first = prepared("org-rep4", "Team Four First");
        Customer second = prepared("org-rep4", "Team Four Second");
        Customer branchOne = prepared("org-rep2", "Branch One Team Two");
        awaitKnown(first, second, branchOne);

        assertThat(tree("org-lead4")).isEqualTo("ORG-T4[org-lead4 TEAM_LEAD 0, org-rep4 REP 2]=2()");
        assertThat(tree("org-head1").split("\\(", 2)[0]).startsWith("ORG-HQ[org-head1 HEAD 0]");
        assertThat(tree("org-clerk2")).startsWith("ORG-B2[org-clerk2 CLERK ").contains("ORG-T3[org-rep3 REP ")
                .contains("ORG-T4[org-lead4 TEAM_LEAD 0, org-rep4 REP 2]=2()").doesNotContain("ORG-B1", "ORG-T1");
        assertThat(tree("org-bm1")).startsWith("ORG-B1[org-bm1 BRANCH_MANAGER ").contains("ORG-T1[", "ORG-T2[")
                .doesNotContain("ORG-B2", "ORG-T3");
        assertThat(tree("org-rep1")).startsWith("ORG-T1[org-lead1 TEAM_LEAD ").doesNotContain("ORG-T2");
        assertThat(queries.get("/api/org", REP).json().path("root").isNull()).as("a rep who is no member: no unit")
                .isTrue();
        assertThat(tree("manager")).as("a manager who is no member: the company").startsWith("ORG-HQ[");

        assertThat(listedOwners("org-lead4")).containsExactly("org-rep4");
        assertThat(listedOwners("org-bm1")).contains("org-rep2").isSubsetOf("org-bm1", "org-lead1", "org-rep1", "org-rep2");
        assertThat(queries.get("/api/profiles?ownerId=org-rep3", "org-bm1").status()).isEqualTo(403);
        assertThat(queries.get("/api/profiles/" + first.id(), "org-lead4").status()).isEqualTo(200);

        try {
            place("org-rep4", "ORG-T3", "REP");
            Api.Response read = queries.get("/api/profiles/" + first.id(), "org-lead4");
            assertThat(read.status()).as("the old lead, from the moment of the move").isEqualTo(403);
            assertThat(type(read)).endsWith("/out-of-scope");
            Api.Response visit = commands.post("/api/customers/" + first.id() + "/visits", "org-lead4", "{\"method\": \"PHONE\"}");
            assertThat(visit.status()).isEqualTo(403);
            assertThat(type(visit)).endsWith("/out-of-scope");
            assertThat(listedOwners("org-lead4")).isEmpty();
            assertThat(tree("org-lead4")).isEqualTo("ORG-T4[org-lead4 TEAM_LEAD 0]=0()");
            JsonNode history = queries.get("/api/org/members/org-rep4", "org-lead4").json().get("placements");
            assertThat(history.valueStream().map(placement -> placement.get("unitCode").asString() + " "
                    + placement.path("to").isNull()).toList()).endsWith("ORG-T4 false", "ORG-T3 true");
            assertThat(queries.get("/api/org/members/org-rep4", "org-rep1").status()).isEqualTo(403);
        } finally {
            place("org-rep4", "ORG-T4", "REP");
        }
        assertThat(queries.get("/api/profiles/" + first.id(), "org-lead4").status()).isEqualTo(200);
    }

    /**
     * A branch manager reads its teams' reports: by team, for its branch, each visit under the team its rep was in when
     * it happened; a rep moved to the other team takes its customers along from the move on, while a report asked as
     * the archive knew it before the move still shows the old teams. Counts by hand: ORG-T5 (org-rep5) two customers
     * with one visit each, ORG-T6 (org-rep6) one customer with one visit.
     */
    @Test
    void a_branch_manager_reads_its_teams_reports_and_a_later_move_leaves_a_report_known_before_as_it_was() {
        Organisations.open(commands, new String[]{"ORG-B3", "温州分公司", Organisations.COMPANY},
                new String[]{"ORG-T5", "五组", "ORG-B3"}, new String[]{"ORG-T6", "六组", "ORG-B3"},
                new String[]{"ORG-T7", "七组（空）", "ORG-B3"});
        // a period around today in Shanghai, wide enough that midnight during the test changes nothing
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
        place("org-bm3", "ORG-B3", "BRANCH_MANAGER");
        place("org-rep5", "ORG-T5", "REP");
        place("org-rep6", "ORG-T6", "REP");
        List<Customer> customers = List.of(prepared("org-rep5", "Five A"), prepared("org-rep5", "Five B"),
                prepared("org-rep6", "Six A"));
        for (Customer customer : customers) {
            Api.Response visit = commands.post("/api/customers/" + customer.id() + "/visits", "org-bm3",
                    "{\"method\": \"PHONE\"}");
            assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.stream().allMatch(customer ->
                queries.get("/api/profiles/" + customer.id() + "?minVersion=5", "manager").status() == 200));
        String beforeTheMove = java.time.Instant.now().toString();

        assertThat(byTeam("/api/reports/statistics?by=team&unit=ORG-B3&" + period))
                .containsExactly("ORG-T5 customers=2 visits=2", "ORG-T6 customers=1 visits=1");
        assertThat(byTeam("/api/reports/statistics?by=branch&unit=ORG-B3&" + period))
                .containsExactly("ORG-B3 customers=3 visits=3");
        Api.Response complaints = queries.get("/api/reports/complaints?by=team&unit=ORG-B3&" + period, "org-bm3");
        assertThat(complaints.status()).as(complaints.raw().body()).isEqualTo(200);
        assertThat(complaints.json().valueStream().map(row -> row.get("key").asString() + " filed="
                + row.get("filed").asLong()).sorted().toList()).as("each prepared customer filed one complaint")
                .containsExactly("ORG-T5 filed=2", "ORG-T6 filed=1");
        try {
            place("org-rep6", "ORG-T5", "REP");
            assertThat(byTeam("/api/reports/statistics?by=team&unit=ORG-B3&" + period))
                    .as("the customer follows its rep; the visit stays where it happened")
                    .containsExactly("ORG-T5 customers=3 visits=2", "ORG-T6 customers=0 visits=1");
            assertThat(byTeam("/api/reports/statistics?by=team&unit=ORG-B3&" + period + "&knownAt=" + beforeTheMove))
                    .as("as the archive knew it before the move").containsExactly(
                            "ORG-T5 customers=2 visits=2", "ORG-T6 customers=1 visits=1");
            // even once the rep has left the branch: the report known before is the branch's as it was
            place("org-rep6", "ORG-T1", "REP");
            assertThat(byTeam("/api/reports/statistics?by=team&unit=ORG-B3&" + period))
                    .as("now its customer and what happened to it are another branch's").containsExactly(
                            "ORG-T5 customers=2 visits=2");
            assertThat(byTeam("/api/reports/statistics?by=team&unit=ORG-B3&" + period + "&knownAt=" + beforeTheMove))
                    .containsExactly("ORG-T5 customers=2 visits=2", "ORG-T6 customers=1 visits=1");
            Api.Response activity = queries.get("/api/reports/activity?unit=ORG-T5&" + period, "org-bm3");
            assertThat(activity.status()).as(activity.raw().body()).isEqualTo(200);
            assertThat(activity.json().get("owners").valueStream().map(row -> row.get("ownerId").asString() + " "
                    + row.get("visits").asLong()).toList()).as("the team lead's view: each rep of the team")
                    .containsExactly("org-rep5 2");
            Api.Response foreign = queries.get("/api/reports/statistics?by=team&unit=ORG-B3&" + period, "org-lead1");
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(type(foreign)).endsWith("/out-of-scope");
            assertThat(queries.get("/api/reports/statistics?by=team&unit=NOPE&" + period, "org-bm3").status())
                    .isEqualTo(400);
            Api.Response emptyTeam = queries.get("/api/reports/statistics?by=team&unit=ORG-T7&" + period, "org-lead1");
            assertThat(emptyTeam.status()).as("an empty team of another branch").isEqualTo(403);
        } finally {
            place("org-rep6", "ORG-T6", "REP");
        }
    }

    /**
     * Export is a permission of the position: a rep gets no CSV and no second page of its list, its team lead does,
     * and the lead's export is in the access trail; a user who is no member exports as before.
     */
    @Test
    void a_rep_does_not_export_its_lead_does_and_the_export_is_in_the_access_trail() {
        Customer mine = prepared("org-rep1", "Export Rep One");
        Customer notTheLeads = prepared("org-rep2", "Export Rep Two");
        awaitKnown(mine, notTheLeads);
        Api.Response csvByRep = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                queries.baseUrl() + "/api/profiles?size=10")).header("Accept", "text/csv"), "org-rep1");
        assertThat(csvByRep.status()).isEqualTo(403);
        assertThat(type(csvByRep)).endsWith("/export-not-permitted");
        Api.Response secondPage = queries.get("/api/profiles?size=1&page=1", "org-rep1");
        assertThat(secondPage.status()).isEqualTo(403);
        assertThat(type(secondPage)).endsWith("/export-not-permitted");
        assertThat(queries.get("/api/profiles?size=1&page=0", "org-rep1").status()).isEqualTo(200);
        assertThat(queries.get("/api/profiles?size=2147483647", "org-rep1").status())
                .as("every row in one page is an export too").isEqualTo(400);
        Api.Response csvAnyCase = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                queries.baseUrl() + "/api/profiles?size=10")).header("Accept", "Text/CSV"), "org-rep1");
        assertThat(csvAnyCase.status()).isEqualTo(403);
        assertThat(type(csvAnyCase)).endsWith("/export-not-permitted");

        Api.Response csvByLead = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                queries.baseUrl() + "/api/profiles?size=200")).header("Accept", "text/csv"), "org-lead1");
        assertThat(csvByLead.status()).as(csvByLead.raw().body()).isEqualTo(200);
        assertThat(Csv.rows(csvByLead.raw().body())).extracting(row -> row.get("customerId")).contains(mine.id())
                .doesNotContain(notTheLeads.id());
        assertThat(Csv.rows(csvByLead.raw().body())).extracting(row -> row.get("ownerId")).isNotEmpty()
                .isSubsetOf("org-lead1", "org-rep1", "org-rep1b");
        assertThat(queries.get("/api/profiles?size=1&page=1", "org-lead1").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode trail = queries.get("/api/audit/access?user=org-lead1&size=200", "auditor").json().get("items");
            assertThat(trail.valueStream().filter(entry -> entry.get("format").asString().equals("text/csv")
                    && entry.get("customerIds").valueStream().anyMatch(id -> id.asString().equals(mine.id()))))
                    .as("the lead's CSV names the rep's customer in the trail").isNotEmpty();
        });
        Api.Response csvByUnplaced = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                queries.baseUrl() + "/api/profiles?size=10")).header("Accept", "text/csv"), REP);
        assertThat(csvByUnplaced.status()).isEqualTo(200);
        assertThat(Csv.rows(csvByUnplaced.raw().body())).extracting(row -> row.get("customerId")).contains(own.id())
                .doesNotContain(other.id(), mine.id());
        assertThat(Csv.rows(csvByUnplaced.raw().body())).extracting(row -> row.get("ownerId")).containsOnly(REP);
    }

    /**
     * A handover within the lead's scope: its team's rep to itself moves that rep's book; a rep of another team as the
     * old owner is 403 out-of-scope; a rep may not hand over at all.
     */
    @Test
    void a_team_lead_hands_over_within_its_team_only() {
        place("org-rep1b", "ORG-T1", "REP");
        List<Customer> book = List.of(prepared("org-rep1b", "Leaving One"), prepared("org-rep1b", "Leaving Two"));
        awaitKnown(book.toArray(Customer[]::new));
        Customer elsewhere = prepared("org-rep2", "Another Team's");
        Api.Response mergedAway = commands.post("/api/customers/" + book.get(0).id() + "/merge-into/" + elsewhere.id(),
                "org-lead1", "{\"reason\": \"the same company\"}");
        assertThat(mergedAway.status()).as("a merge into a customer outside the scope").isEqualTo(403);
        assertThat(type(mergedAway)).endsWith("/out-of-scope");
        Api.Response outside = commands.post("/api/customers/handover", "org-lead1",
                "{\"fromOwner\": \"org-rep2\", \"toOwner\": \"org-rep1\", \"reason\": \"not my team\"}");
        assertThat(outside.status()).isEqualTo(403);
        assertThat(type(outside)).endsWith("/out-of-scope");
        Api.Response byRep = commands.post("/api/customers/handover", "org-rep1",
                "{\"fromOwner\": \"org-rep1b\", \"toOwner\": \"org-rep1\", \"reason\": \"a rep tries\"}");
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(type(byRep)).endsWith("/handover-needs-lead");
        Api.Response started = commands.post("/api/customers/handover", "org-lead1",
                "{\"fromOwner\": \"org-rep1b\", \"toOwner\": \"org-lead1\", \"reason\": \"org-rep1b left\"}");
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        assertThat(started.json().get("count").asInt()).isEqualTo(2);
        String job = started.json().get("jobId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> commands.get("/api/customers/handover/" + job, "org-lead1")
                .json().get("state").asString().equals("DONE"));
        assertThat(commands.get("/api/customers/handover/" + job, "org-lead1").json().get("moved").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> book.stream().allMatch(customer ->
                queries.get("/api/profiles/" + customer.id() + "?minVersion=5", "org-lead1").status() == 200));
        assertThat(book).allSatisfy(customer -> assertThat(queries.get("/api/profiles/" + customer.id(), "org-lead1")
                .json().get("ownerId").asString()).isEqualTo("org-lead1"));
        Organisations.open(commands, new String[]{"ORG-B3", "温州分公司", Organisations.COMPANY});
        place("org-bm3", "ORG-B3", "BRANCH_MANAGER");
        Api.Response foreign = commands.get("/api/customers/handover/" + job, "org-bm3");
        assertThat(foreign.status()).as("another branch's manager").isEqualTo(403);
        assertThat(type(foreign)).endsWith("/out-of-scope");
    }

    /** Finance reads its branch's customers by name and nothing else personal; a manager reads them in full. */
    @Test
    void finance_reads_the_name_and_nothing_else_personal() {
        Api.Response registered = commands.post("/api/customers", "manager", registration("org-rep3", "Finance Sees This",
                ", \"email\": \"boss@finance.example\", \"phones\": [\"0574-8765 4321\"]"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String id = registered.json().get("customerId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                queries.get("/api/profiles/" + id + "?minVersion=1", "manager").status() == 200);
        JsonNode basic = queries.get("/api/profiles/" + id, "org-finance2").json().at("/card/basic");
        assertThat(basic.get("name").asString()).isEqualTo("Finance Sees This");
        assertThat(basic.get("email").asString()).isEqualTo("[withheld]");
        assertThat(basic.get("phones").get(0).asString()).isEqualTo("[withheld]");
        JsonNode listed = queries.get("/api/profiles?ownerId=org-rep3&size=200", "org-finance2").json().get("items");
        assertThat(listed.valueStream().filter(item -> item.get("customerId").asString().equals(id))
                .map(item -> item.at("/card/basic/name").asString() + " " + item.at("/card/basic/email").asString())
                .toList()).containsExactly("Finance Sees This [withheld]");
        Api.Response history = queries.get("/api/profiles/" + id + "/history", "org-finance2");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.raw().body()).doesNotContain("boss@finance.example", "8765 4321");
        assertThat(queries.get("/api/profiles/" + id, "manager").json().at("/card/basic/email").asString())
                .isEqualTo("boss@finance.example");
    }

    /** The rows of a statistics report by team as the branch manager org-bm3 reads it: key, customers and visits. */
    private static List<String> byTeam(String path) {
        Api.Response report = queries.get(path, "org-bm3");
        assertThat(report.status()).as(report.raw().body()).isEqualTo(200);
        return report.json().valueStream().map(row -> row.get("key").asString() + " customers="
                + row.get("customers").asLong() + " visits=" + row.get("visits").asLong()).sorted().toList();
    }

    /** The part of the tree a user reads, as text: CODE[member POSITION customers, …]=customers(units …). */
    private static String tree(String user) {
        Api.Response answer = queries.get("/api/org", user);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return unit(answer.json().get("root"));
    }

    private static String unit(JsonNode unit) {
        return unit.get("code").asString() + unit.get("members").valueStream().map(member ->
                        member.get("user").asString() + " " + member.get("position").asString() + " "
                                + member.get("customers").asLong()).toList().toString()
                + "=" + unit.get("customers").asLong() + "(" + String.join(" ", unit.get("units").valueStream()
                .map(OwnerScopeIT::unit).toList()) + ")";
    }

    /** The owners of every customer a user's search lists. */
    private static List<String> listedOwners(String user) {
        Api.Response page = queries.get("/api/profiles?size=200", user);
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.json().get("items").valueStream().map(item -> item.get("ownerId").asString()).distinct().toList();
    }

    /** The answers that break the rule when {@code user} calls every operation on {@code inside} and {@code outside}. */
    private static List<String> wrongAnswers(String user, Customer inside, Customer outside, Set<String> tried) {
        List<String> wrong = new ArrayList<>();
        Set<String> documented = new LinkedHashSet<>();
        for (Api app : List.of(queries, commands)) {
            OpenApi document = OpenApi.servedBy(app);
            for (OpenApi.Operation operation : document.operations()) {
                documented.add(operation.name());
                boolean namesCustomer = operation.parameters("path").stream()
                        .anyMatch(name -> name.equals("customerId") || name.equals("cardNumber"))
                        || operation.parameters("query").contains("customerId");
                JsonNode properties = document.resolved(operation.bodySchema()).path("properties");
                boolean namesOwner = operation.parameters("query").contains("ownerId") || properties.has("ownerId")
                        || properties.has("toOwner");
                if (namesCustomer) {
                    tried.add(operation.name());
                    wrong.addAll(refused(operation, call(app, document, operation, user, outside, inside, null),
                            call(app, document, operation, user, inside, outside, null)));
                } else if (namesOwner) {
                    tried.add(operation.name());
                    wrong.addAll(refused(operation, call(app, document, operation, user, inside, outside, outside.owner()),
                            call(app, document, operation, user, inside, outside, inside.owner())));
                } else if (!EXEMPT.containsKey(operation.name())) {
                    wrong.add(operation.name() + " names no customer and no owner, so it is not tried: list it in EXEMPT "
                            + "with the reason, or teach this test how it names one");
                }
            }
        }
        assertThat(documented).as("every exemption names an operation of the documents").containsAll(EXEMPT.keySet());
        assertThat(tried).as("an operation that names a customer or an owner is tried, not exempt")
                .doesNotContainAnyElementsOf(EXEMPT.keySet());
        return wrong;
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
     * What is wrong with the answers to one request: on the customer outside the user's scope (or naming its owner)
     * it is 403 out-of-scope, while on the one inside it is answered past the scope's check (neither 403 nor 400 nor
     * 5xx). An operation the user's role may not call at all is 403 (forbidden) both ways.
     */
    private static List<String> refused(OpenApi.Operation operation, Api.Response others, Api.Response owns) {
        String name = operation.name();
        if (name.equals("POST /api/customers/{customerId}/claim") && owns.status() == 409 && others.status() == 409
                && type(owns).endsWith("/already-claimed") && type(others).endsWith("/already-claimed")) {
            // a claim names a customer of the public pool: one with a rep, in the scope or not, is already claimed
            // for everyone (a pool's list may be a moment old); PoolIT claims from the pool
            return List.of();
        }
        if (owns.status() == 403) {
            return type(owns).endsWith("/out-of-scope") || others.status() != 403
                    ? List.of(name + " refuses the rep its own customer: " + describe(owns) + "; another's: " + describe(others))
                    : List.of();
        }
        List<String> wrong = new ArrayList<>();
        if (owns.status() == 400 || owns.status() >= 500) {
            wrong.add(name + " on the rep's own customer answers " + describe(owns) + ": this test's request is not one "
                    + "the operation takes (give it a body in BODIES or a query in QUERIES)");
        }
        if (others.status() != 403 || !type(others).endsWith("/out-of-scope")) {
            wrong.add(name + " on another rep's customer answers " + describe(others) + ", not 403 out-of-scope");
        }
        return wrong;
    }

    /** The operation called as {@code user} on {@code customer}; {@code owner}, when given, fills an ownerId. */
    private static Api.Response call(Api app, OpenApi document, OpenApi.Operation operation, String user,
                                     Customer customer, Customer another, String owner) {
        List<String> query = new ArrayList<>();
        String given = QUERIES.getOrDefault(operation.name(), "");
        if (!given.isEmpty()) {
            query.add(given);
        }
        for (JsonNode parameter : operation.requiredQueryParameters()) {
            String name = parameter.get("name").asString();
            if (!("&" + given).contains("&" + name + "=")) {
                query.add(name + "=" + encoded(document.example(parameter.path("schema"))));
            }
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
            if (owner != null && json.has("toOwner")) {
                // a handover from the user itself (owning nothing here) to the owner: no customer of the table moves
                ((ObjectNode) json).put("fromOwner", user).put("toOwner", owner);
            }
            body = json.toString();
        }
        return app.call(operation.method(), path, user, body, null);
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
        return new Customer(id, complaint.json().get("complaintId").asString(), card.json().get("cardNumber").asString(),
                owner);
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

    private static void place(String user, String unit, String position) {
        Organisations.place(commands, user, unit, position);
    }

    private static void awaitKnown(Customer... customers) {
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(customers).allMatch(customer ->
                queries.get("/api/profiles/" + customer.id() + "?minVersion=4", "manager").status() == 200));
    }

    private static long storedEvents(Customer customer) {
        TestDatabase database = TestDatabase.get();
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()))
                .sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?")
                .param(customer.id()).query(Long.class).single();
    }
}
