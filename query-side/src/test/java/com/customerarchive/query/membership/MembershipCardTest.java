package com.customerarchive.query.membership;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.ExactJson;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A membership card's life by HTTP through both apps, as an outlet and the practice's staff meet it. */
class MembershipCardTest extends BothAppsTest {

    @LocalServerPort
    int port;

    private Api commands;
    private Api queries;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        commands = new Api(COMMAND_SIDE.baseUrl());
        queries = new Api("http://localhost:" + port);
    }

    @Test
    void issued_used_reported_lost_blocked_reissued_and_the_old_number_dead_for_good() {
        String owner = "card-" + UUID.randomUUID().toString().substring(0, 8);
        String customer = register("Zhang Wei", owner);
        String path = "/api/customers/" + customer + "/membership-card";
        assertProblem(commands.post(path, "sales", issue(false, today.plusYears(1))), 409, "identity-not-checked");
        Api.Response issued = commands.post(path, "sales", issue(true, today.plusYears(1)));
        assertThat(issued.status()).isEqualTo(201);
        String number = issued.json().get("cardNumber").asString();
        assertThat(number).matches("\\d{16}");
        // its last digit is its check digit: with any other digit in its place the number is mistyped
        for (char other = '0'; other <= '9'; other++) {
            String changed = number.substring(0, 15) + other;
            if (!changed.equals(number)) {
                assertProblem(queries.get("/api/membership-cards/" + changed, "outlet"), 400, "invalid-request");
            }
        }
        assertProblem(commands.post(path, "sales", issue(true, today.plusYears(2))), 409, "membership-card-held");

        Api.Response used = commands.post(uses(number), "outlet", "{\"outlet\": \"SH-01\", \"amount\": 88.50}");
        assertThat(used.status()).isEqualTo(201);
        assertThat(used.json().get("useNo").asInt()).isEqualTo(1);
        JsonNode seen = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/membership-cards/" + number,
                "outlet"), answer -> answer.status() == 200 && answer.json().get("uses").asInt() == 1).json();
        assertThat(seen.get("status").asString()).isEqualTo("LIVE");
        assertThat(seen.get("tier").asString()).isEqualTo("GOLD");
        assertThat(seen.get("holder").asString()).as("an outlet sees the name masked").isEqualTo("Z** W**");
        assertThat(queries.get("/api/membership-cards/" + number, "manager").json().get("holder").asString())
                .isEqualTo("Zhang Wei");

        assertThat(commands.post(path + "/report-lost", "sales", "{}").status()).isEqualTo(200);
        assertProblem(commands.post(uses(number), "outlet", "{\"outlet\": \"SH-02\"}"), 409, "membership-card-reported-lost");
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/membership-cards/" + number, "outlet")
                .json().get("status").asString().equals("REPORTED_LOST"));

        Api.Response reissued = commands.post(path + "/reissue", "sales", "{\"fee\": 20}");
        assertThat(reissued.status()).isEqualTo(201);
        String replacement = reissued.json().get("cardNumber").asString();
        assertThat(replacement).isNotEqualTo(number);
        assertThat(commands.post(uses(replacement), "outlet", "{\"outlet\": \"SH-01\"}").status()).isEqualTo(201);
        assertProblem(commands.post(uses(number), "outlet", "{\"outlet\": \"SH-01\"}"), 409, "membership-card-replaced");
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/membership-cards/" + number, "outlet")
                .json().get("status").asString().equals("REPLACED"));
        JsonNode profile = await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + customer,
                "manager").json(), json -> json.at("/membershipCard/cardNumber").asString().equals(replacement));
        assertThat(profile.at("/membershipCard/status").asString()).isEqualTo("LIVE");

        assertProblem(commands.post(path + "/renew", "sales", "{\"validUntil\": \"" + today + "\", \"fee\": 10}"), 409,
                "renewal-not-extending");
        assertThat(commands.post(path + "/cancel", "sales", "{\"reason\": \"moving abroad\"}").status()).isEqualTo(200);
        assertProblem(commands.post(path + "/renew", "sales", "{\"validUntil\": \"" + today.plusYears(3)
                + "\", \"fee\": 10}"), 409, "membership-card-not-live");
        assertProblem(commands.post(uses(replacement), "outlet", "{\"outlet\": \"SH-01\"}"), 409, "membership-card-cancelled");
    }

    @Test
    void a_mistyped_number_is_a_400_before_any_lookup_and_an_unknown_one_404() {
        // numbers whose last digit is the Luhn check digit of the fifteen before it, each worked out by hand, and the
        // same number with its last digit one higher
        Map<String, String> mistypedOf = Map.of(
                "8886999999999993", "8886999999999994",
                "4111111111111111", "4111111111111112",
                "5555555555554444", "5555555555554445",
                "4012888888881881", "4012888888881882");
        mistypedOf.forEach((valid, mistyped) -> {
            assertProblem(commands.post(uses(mistyped), "outlet", "{\"outlet\": \"SH-01\"}"), 400, "invalid-request");
            assertProblem(queries.get("/api/membership-cards/" + mistyped, "outlet"), 400, "invalid-request");
            assertProblem(commands.post(uses(valid), "outlet", "{\"outlet\": \"SH-01\"}"), 404, "membership-card-not-found");
            assertProblem(queries.get("/api/membership-cards/" + valid, "outlet"), 404, "membership-card-not-found");
        });
    }

    @Test
    void two_outlets_using_one_card_at_the_same_moment_both_get_their_uses_numbered() throws Exception {
        String customer = register("Li Na", "card-race");
        String number = commands.post("/api/customers/" + customer + "/membership-card", "sales",
                issue(true, today.plusYears(1))).json().get("cardNumber").asString();
        ExecutorService outlets = Executors.newFixedThreadPool(2);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (String outlet : List.of("SH-01", "BJ-07")) {
            Callable<List<Integer>> using = () -> {
                List<Integer> numbers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    Api.Response used = commands.post(uses(number), "outlet", "{\"outlet\": \"" + outlet + "\"}");
                    assertThat(used.status()).as(used.raw().body()).isEqualTo(201);
                    numbers.add(used.json().get("useNo").asInt());
                }
                return numbers;
            };
            results.add(outlets.submit(using));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            all.addAll(result.get());
        }
        outlets.shutdown();
        assertThat(all).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/membership-cards/" + number, "manager")
                .json().get("uses").asInt() == 20);
    }

    @Test
    void an_outlet_may_only_check_a_card_and_record_its_use() {
        for (Api app : List.of(commands, queries)) {
            JsonNode paths = app.get("/v3/api-docs", null).json().get("paths");
            for (Map.Entry<String, JsonNode> entry : paths.properties()) {
                for (Map.Entry<String, JsonNode> operation : entry.getValue().properties()) {
                    String path = entry.getKey();
                    if (path.startsWith("/api/membership-cards/") || path.equals("/api/customers/membership-cards/{cardNumber}/uses")
                            || path.equals("/api/me")) {
                        continue;
                    }
                    String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                    Api.Response answer = app.call(operation.getKey().toUpperCase(), concrete, "outlet", "{}", null);
                    assertThat(answer.status()).as(operation.getKey() + " " + path).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void cards_in_lists_in_the_report_and_on_the_agenda_when_they_end_soon() {
        String owner = "card-" + UUID.randomUUID().toString().substring(0, 8);
        String customer = register("Wang Fang", owner);
        // the report's period is the moment of this one issue: no other card event falls in it
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.Response issued = commands.post("/api/customers/" + customer + "/membership-card", "manager",
                issue(true, today.plusDays(10)));
        Instant to = Instant.now().plusMillis(1);
        assertThat(issued.status()).isEqualTo(201);
        String number = issued.json().get("cardNumber").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/membership-cards/" + number, "manager")
                .status() == 200);
        JsonNode expiring = queries.get("/api/membership-cards?expiringBefore=" + today.plusDays(30) + "&ownerId=" + owner,
                "manager").json();
        assertThat(expiring.get("total").asInt()).isEqualTo(1);
        assertThat(expiring.at("/items/0/holder").asString()).isEqualTo("Wang Fang");
        JsonNode agenda = queries.get("/api/agenda?ownerId=" + owner, "manager").json();
        assertThat(agenda.valueStream().filter(item -> item.get("kind").asString().equals("CARD_EXPIRING")).toList())
                .singleElement().satisfies(item -> {
                    assertThat(item.get("date").asString()).isEqualTo(today.plusDays(10).toString());
                    assertThat(item.get("urgency").asString()).isEqualTo("SOON");
                });
        JsonNode report = ExactJson.of(queries.get("/api/reports/membership?from=" + from + "&to=" + to, "manager"));
        Map<String, Integer> issuedByTier = new java.util.HashMap<>();
        report.get("tiers").forEach(tier -> issuedByTier.put(tier.get("tier").asString(), tier.get("issued").asInt()));
        assertThat(issuedByTier).isEqualTo(Map.of("STANDARD", 0, "GOLD", 1, "PLATINUM", 0));
        JsonNode gold = report.get("tiers").valueStream().filter(tier -> tier.get("tier").asString().equals("GOLD"))
                .findFirst().orElseThrow();
        for (String none : List.of("renewed", "reportedLost", "reissued", "cancelled")) {
            assertThat(gold.get(none).asInt()).as(none).isZero();
        }
        assertThat(gold.get("fees").decimalValue()).isEqualByComparingTo("200.00");
        Map<String, String> feesByTier = new java.util.HashMap<>();
        report.get("tiers").forEach(tier -> feesByTier.put(tier.get("tier").asString(), tier.get("totals").toString()));
        assertThat(feesByTier).isEqualTo(Map.of("STANDARD", "[]", "GOLD", "[{\"currency\":\"CNY\",\"amount\":200.00}]",
                "PLATINUM", "[]"));
    }

    private String register(String name, String owner) {
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "ON_SITE", "grade": "C",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"}}}""".formatted(owner, name));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private static String issue(boolean identityChecked, LocalDate until) {
        return """
                {"tier": "GOLD", "validUntil": "%s", "fee": 200, "identityChecked": %s}""".formatted(until, identityChecked);
    }

    private static String uses(String number) {
        return "/api/customers/membership-cards/" + number + "/uses";
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).endsWith("/" + type);
    }
}
