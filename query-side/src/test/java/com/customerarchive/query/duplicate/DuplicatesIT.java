package com.customerarchive.query.duplicate;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The duplicate check (客户归属) by HTTP with the check on (the product's default; the other tests' command-sides run
 * with it off), on two command-sides of one database and one whose reps see only their own customers: each identifying
 * field in Chinese and English spellings, a rep's masked candidates, a manager's force, two registrations of one company
 * at once, and a merge with its reads on query-side. Every name, number and phone carries this run's own token, so the
 * other tests' customers are never candidates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// closed after the class: a query-side left running in this JVM would hold the one pass's lock on the shared database
// and starve the ITs after it that start query-sides of their own (OnePassIT waited on a pass that never ran)
@DirtiesContext
class DuplicatesIT extends BothAppsTest {

    private static final Map<String, String> CHECK_ON = Map.of("ARCHIVE_DUPLICATES_ENABLED", "true");

    @LocalServerPort
    int port;

    private final Random random = new Random();
    private final List<AppProcess> started = new ArrayList<>();
    private Api first;
    private Api second;
    private Api scoped;
    private Api queries;

    @Autowired
    JdbcClient jdbc;

    /** A customer registered as if before the check existed: no keys, not indexed. */
    private String unindexed;
    private String unindexedPhone;

    @BeforeAll
    void startCommandSidesWithTheCheckOn() {
        unindexedPhone = "021-" + digits(8);
        unindexed = created(new Api(COMMAND_SIDE.baseUrl()).post("/api/customers", "manager",
                organisation("rep-old", "{\"name\": \"Old " + token() + "\", \"phones\": [\"" + unindexedPhone + "\"]}")));
        assertThat(jdbc.sql("DELETE FROM event_store.duplicate_key WHERE customer_id = :id").param("id", unindexed)
                .update()).isEqualTo(1);
        jdbc.sql("DELETE FROM event_store.duplicate_key_indexed WHERE customer_id = :id").param("id", unindexed).update();
        // each of these computes at its start the keys of the customers that have none (the three runs find one)
        first = new Api(start(AppProcess.startWith("command-side", CHECK_ON)).baseUrl());
        second = new Api(start(AppProcess.startWith("command-side", CHECK_ON)).baseUrl());
        scoped = new Api(start(AppProcess.startOwnerScoped("command-side", CHECK_ON)).baseUrl());
        queries = new Api("http://localhost:" + port);
    }

    @AfterAll
    void stop() {
        started.forEach(AppProcess::stop);
    }

    private AppProcess start(AppProcess app) {
        started.add(app);
        return app;
    }

    /** Letters and digits of this run: upper case, so that a lower-case spelling differs only by case. */
    private String token() {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            token.append("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(random.nextInt(32)));
        }
        return token.toString();
    }

    private String digits(int n) {
        StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
        while (digits.length() < n) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private static String organisation(String owner, String basic) {
        return """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "%s", "card": {"basic": %s}}""".formatted(owner, basic);
    }

    private static String named(String name, String city) {
        return """
                {"name": "%s", "address": {"province": "浙江", "city": "%s"}}""".formatted(name, city);
    }

    private static String created(Api.Response answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("customerId").asString();
    }

    private static JsonNode possibleDuplicate(Api.Response answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(409);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).endsWith("/possible-duplicate");
        return answer.json().get("candidates");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    @Test
    void identifying_edits_without_if_match_are_all_taken_while_other_clients_write_to_the_customer() throws Exception {
        String id = created(first.post("/api/customers", "manager",
                organisation("rep-busy", named("嘉兴多端" + token() + "有限公司", "嘉兴"))));
        // four clients at once, each five phone changes (a key each time) and five visits, without If-Match: a user who
        // sends none is never told of a version it did not name
        List<List<String>> phones = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            List<String> own = new ArrayList<>();
            for (int edit = 0; edit < 5; edit++) {
                own.add("0573-" + digits(8));
            }
            phones.add(own);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> clients = new ArrayList<>();
        for (List<String> own : phones) {
            clients.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (String phone : own) {
                    statuses.add(first.patch("/api/customers/" + id + "/card", "manager",
                            "{\"basic\": {\"phones\": [\"" + phone + "\"]}}").status());
                    statuses.add(first.post("/api/customers/" + id + "/visits", "manager",
                            "{\"method\": \"PHONE\"}").status());
                }
                return statuses;
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> client : clients) {
            statuses.addAll(client.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(statuses).hasSize(40);
        assertThat(statuses.stream().filter(status -> status == 200)).as(statuses.toString()).hasSize(20);
        assertThat(statuses.stream().filter(status -> status == 201)).as(statuses.toString()).hasSize(20);
        // the registration, twenty edits and twenty visits
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=41",
                "manager").status() == 200);
        assertThat(queries.get("/api/profiles/" + id, "manager").json().get("version").asLong()).isEqualTo(41);
        // its keys: the name in its city and the phone it has now, not the nineteen it had on the way
        assertThat(keys(id)).isEqualTo(2);
    }

    @Test
    void a_customer_registered_before_the_check_gets_its_keys_at_start_once_and_is_found() {
        assertThat(jdbc.sql("SELECT count(*) FROM event_store.duplicate_key WHERE customer_id = :id")
                .param("id", unindexed).query(Long.class).single()).isEqualTo(1);
        JsonNode candidates = possibleDuplicate(second.post("/api/customers", "manager",
                organisation("rep-new", "{\"name\": \"New " + token() + "\", \"phones\": [\"+86 21 "
                        + unindexedPhone.substring(4) + "\"]}")));
        assertThat(candidates).extracting(node -> node.get("id").asString()).containsExactly(unindexed);
    }

    @Test
    void a_chinese_company_name_without_its_legal_form_in_the_same_city_is_a_possible_duplicate() {
        String t = token();
        String original = created(first.post("/api/customers", "manager",
                organisation("rep-hd", named("杭州恒达茶业" + t + "有限公司", "杭州"))));

        JsonNode candidates = possibleDuplicate(first.post("/api/customers", "manager",
                organisation("rep-other", named("杭州恒达茶业" + t.toLowerCase(), "杭州市"))));
        assertThat(candidates).hasSize(1);
        JsonNode candidate = candidates.get(0);
        assertThat(candidate.get("id").asString()).isEqualTo(original);
        // review is off here: the original was approved and coded at its registration (浙江 → ZJ, this year in Beijing)
        assertThat(candidate.get("code").asString())
                .matches("ZJ" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + "\\d{5}");
        assertThat(candidate.get("name").asString()).isEqualTo("杭州恒达茶业" + t + "有限公司");
        assertThat(candidate.get("owner").asString()).isEqualTo("rep-hd");
        assertThat(texts(candidate.get("matchedOn"))).containsExactly("NAME_IN_CITY");
        assertThat(candidate.get("masked").asBoolean()).isFalse();

        // the same name in another city is another company
        created(first.post("/api/customers", "manager", organisation("rep-nb", named("杭州恒达茶业" + t, "宁波"))));
    }

    @Test
    void an_english_company_name_in_another_case_without_co_ltd_is_a_possible_duplicate() {
        String t = token();
        String original = created(first.post("/api/customers", "manager",
                organisation("rep-en", named("Acme " + t + " Co., Ltd.", "Shanghai"))));
        JsonNode candidates = possibleDuplicate(second.post("/api/customers", "manager",
                organisation("rep-en2", named("ACME " + t.toLowerCase(), "shanghai"))));
        assertThat(candidates).extracting(node -> node.get("id").asString()).containsExactly(original);
    }

    @Test
    void the_same_tax_number_licence_number_or_phone_spelt_otherwise_is_a_possible_duplicate() {
        String tax = "91330100MA" + token();
        String licence = "330100" + digits(9);
        String landline = digits(8);
        String mobile = "13" + digits(9);
        String original = created(first.post("/api/customers", "manager", organisation("rep-ids", """
                {"name": "Ids %s", "taxNumber": "%s", "licenceNumber": "%s", "phones": ["0571-%s", "%s"]}"""
                .formatted(token(), tax, licence, landline, mobile))));

        for (var spelling : List.of(
                Map.entry("{\"name\": \"Other " + token() + "\", \"taxNumber\": \" " + tax.toLowerCase() + " \"}", "TAX_NUMBER"),
                Map.entry("{\"name\": \"Other " + token() + "\", \"licenceNumber\": \"" + licence.substring(0, 6) + " "
                        + licence.substring(6) + "\"}", "LICENCE_NUMBER"),
                Map.entry("{\"name\": \"Other " + token() + "\", \"phones\": [\"+86 571 " + landline + "\"]}", "PHONE"),
                Map.entry("{\"name\": \"Other " + token() + "\", \"phones\": [\"0086 " + mobile.substring(0, 3) + "-"
                        + mobile.substring(3) + "\"]}", "PHONE"))) {
            JsonNode candidates = possibleDuplicate(first.post("/api/customers", "manager",
                    organisation("rep-x", spelling.getKey())));
            assertThat(candidates).as(spelling.getKey()).hasSize(1);
            assertThat(candidates.get(0).get("id").asString()).isEqualTo(original);
            assertThat(texts(candidates.get(0).get("matchedOn"))).containsExactly(spelling.getValue());
        }
    }

    @Test
    void an_edit_that_gives_a_card_another_customers_phone_is_refused_and_writes_nothing() {
        String phone = "0571-" + digits(8);
        String original = created(first.post("/api/customers", "manager",
                organisation("rep-ed", "{\"name\": \"Edit A " + token() + "\", \"phones\": [\"" + phone + "\"]}")));
        String other = created(first.post("/api/customers", "manager",
                organisation("rep-ed", "{\"name\": \"Edit B " + token() + "\"}")));

        JsonNode candidates = possibleDuplicate(first.patch("/api/customers/" + other + "/card", "manager",
                "{\"basic\": {\"phones\": [\"" + phone.replace("-", " ") + "\"]}}"));
        assertThat(candidates).extracting(node -> node.get("id").asString()).containsExactly(original);

        // nothing was written: the next edit is the customer's second event
        Api.Response edit = first.patch("/api/customers/" + other + "/card", "manager",
                "{\"basic\": {\"website\": \"https://b.example\"}}");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.json().get("version").asLong()).isEqualTo(2);
        // an edit of its own keys is no duplicate of itself
        Api.Response own = first.patch("/api/customers/" + original + "/card", "manager",
                "{\"basic\": {\"phones\": [\"" + phone + "\", \"13" + digits(9) + "\"]}}");
        assertThat(own.status()).as(own.raw().body()).isEqualTo(200);

        // a manager makes the edit anyway, with the reason; a rep may not, nor a manager without a reason
        String samePhone = "{\"basic\": {\"phones\": [\"" + phone + "\"]}}";
        String forced = "/api/customers/" + other + "/card?force=true&forceReason="
                + java.net.URLEncoder.encode("one switchboard for both companies", java.nio.charset.StandardCharsets.UTF_8);
        Api.Response byRep = first.patch(forced, "sales", samePhone);
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(byRep.json().get("type").asString()).endsWith("/force-needs-manager");
        Api.Response noReason = first.patch("/api/customers/" + other + "/card?force=true", "manager", samePhone);
        assertThat(noReason.status()).isEqualTo(409);
        assertThat(noReason.json().get("type").asString()).endsWith("/reason-required");
        Api.Response byManager = first.patch(forced, "manager", samePhone);
        assertThat(byManager.status()).as(byManager.raw().body()).isEqualTo(200);
        // the edit and the manager's acceptance after the registration and the website
        assertThat(byManager.json().get("version").asLong()).isEqualTo(4);
        assertThat(texts(byManager.json().get("changed"))).containsExactly("basic.phones");
    }

    @Test
    void an_erased_customer_leaves_no_key_behind_and_a_destroyed_field_takes_its_own() {
        String phone = "0573-" + digits(8);
        String tax = "91330500MA" + token();
        String erased = created(first.post("/api/customers", "manager",
                organisation("rep-er", "{\"name\": \"Erased " + token() + "\", \"phones\": [\"" + phone + "\"]}")));
        String destroyed = created(first.post("/api/customers", "manager", organisation("rep-er",
                "{\"name\": \"Destroyed " + token() + "\", \"taxNumber\": \"" + tax + "\", \"phones\": [\"0573-"
                        + digits(8) + "\"]}")));
        assertThat(keys(erased)).isEqualTo(1);
        assertThat(keys(destroyed)).isEqualTo(2);

        assertThat(first.call("DELETE", "/api/customers/" + erased + "/personal-data", "admin",
                "{\"reason\": \"the customer asked to be forgotten\"}", null).status()).isEqualTo(200);
        assertThat(keys(erased)).isZero();
        created(first.post("/api/customers", "manager",
                organisation("rep-er2", "{\"name\": \"After " + token() + "\", \"phones\": [\"" + phone + "\"]}")));

        assertThat(first.call("DELETE", "/api/customers/" + destroyed + "/personal-data/basic.taxNumber", "admin",
                "{\"reason\": \"wrongly recorded\"}", null).status()).isEqualTo(200);
        assertThat(keys(destroyed)).isEqualTo(1);
        created(first.post("/api/customers", "manager",
                organisation("rep-er2", "{\"name\": \"Tax " + token() + "\", \"taxNumber\": \"" + tax + "\"}")));
    }

    private long keys(String customerId) {
        return jdbc.sql("SELECT count(*) FROM event_store.duplicate_key WHERE customer_id = :id").param("id", customerId)
                .query(Long.class).single();
    }

    @Test
    void a_rep_sees_the_candidates_of_other_reps_masked_and_its_own_in_full() {
        String phone = "0574-" + digits(8);
        String others = created(scoped.post("/api/customers", "manager",
                organisation("rep-elsewhere", "{\"name\": \"宁波远方贸易" + token() + "\", \"phones\": [\"" + phone + "\"]}")));
        String tax = "91330200MA" + token();
        String own = created(scoped.post("/api/customers", "sales",
                organisation("sales", "{\"name\": \"Own " + token() + "\", \"taxNumber\": \"" + tax + "\"}")));

        JsonNode masked = possibleDuplicate(scoped.post("/api/customers", "sales",
                organisation("sales", "{\"name\": \"New " + token() + "\", \"phones\": [\"+86 574 " + phone.substring(5) + "\"]}")));
        assertThat(masked).hasSize(1);
        assertThat(masked.get(0).get("id").asString()).isEqualTo(others);
        assertThat(masked.get(0).get("name").asString()).isEqualTo("宁***");
        assertThat(masked.get(0).get("owner").asString()).isEqualTo("***");
        assertThat(masked.get(0).get("masked").asBoolean()).isTrue();

        JsonNode visible = possibleDuplicate(scoped.post("/api/customers", "sales",
                organisation("sales", "{\"name\": \"New " + token() + "\", \"taxNumber\": \"" + tax + "\"}")));
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("id").asString()).isEqualTo(own);
        assertThat(visible.get(0).get("name").asString()).startsWith("Own ");
        assertThat(visible.get(0).get("owner").asString()).isEqualTo("sales");
        assertThat(visible.get(0).get("masked").asBoolean()).isFalse();
    }

    @Test
    void a_manager_registers_a_duplicate_with_force_and_a_reason_a_rep_may_not() {
        String tax = "91330300MA" + token();
        String original = created(first.post("/api/customers", "manager",
                organisation("rep-f", "{\"name\": \"Force " + token() + "\", \"taxNumber\": \"" + tax + "\"}")));
        String again = organisation("rep-f2", "{\"name\": \"Force branch " + token() + "\", \"taxNumber\": \"" + tax + "\"}");

        Api.Response byRep = first.post("/api/customers", "sales", again.replaceFirst("\\{", "{\"force\": true, "
                + "\"forceReason\": \"I know better\", "));
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(byRep.json().get("type").asString()).endsWith("/force-needs-manager");

        Api.Response noReason = first.post("/api/customers", "manager", again.replaceFirst("\\{", "{\"force\": true, "));
        assertThat(noReason.status()).isEqualTo(409);
        assertThat(noReason.json().get("type").asString()).endsWith("/reason-required");

        Api.Response forced = first.post("/api/customers", "manager", again.replaceFirst("\\{", "{\"force\": true, "
                + "\"forceReason\": \"the group's second company: same tax office, own account\", "));
        String id = created(forced);
        // the registration and the manager's acceptance of the candidates, with the reason
        assertThat(forced.json().get("version").asLong()).isEqualTo(2);
        JsonNode history = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> queries.get("/api/profiles/" + id + "/history", "auditor"),
                answer -> answer.status() == 200 && answer.json().get("events").size() == 2).json();
        JsonNode accepted = history.get("events").get(1);
        assertThat(accepted.get("type").asString()).isEqualTo("PossibleDuplicateAccepted");
        assertThat(accepted.get("actor").asString()).isEqualTo("manager");
        assertThat(texts(accepted.get("data").get("candidates"))).containsExactly(original);
        assertThat(accepted.get("data").get("reason").asString())
                .isEqualTo("the group's second company: same tax office, own account");
    }

    @Test
    void of_registrations_of_one_company_at_once_on_two_command_sides_exactly_one_passes() throws Exception {
        int clients = 8;
        String tax = "91330400MA" + token();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Api via = i % 2 == 0 ? first : second;
            String body = organisation("rep-race-" + i, "{\"name\": \"Race " + i + " " + token() + "\", \"taxNumber\": \""
                    + tax + "\"}");
            Callable<Api.Response> register = () -> {
                go.await();
                return via.post("/api/customers", "manager", body);
            };
            answers.add(pool.submit(register));
        }
        go.countDown();
        List<Api.Response> all = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            all.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        List<Api.Response> passed = all.stream().filter(answer -> answer.status() == 201).toList();
        assertThat(passed).hasSize(1);
        String winner = passed.get(0).json().get("customerId").asString();
        List<Api.Response> refused = all.stream().filter(answer -> answer.status() != 201).toList();
        assertThat(refused).hasSize(clients - 1);
        for (Api.Response answer : refused) {
            JsonNode candidates = possibleDuplicate(answer);
            assertThat(candidates).extracting(node -> node.get("id").asString()).containsExactly(winner);
        }
    }

    @Test
    void a_merged_duplicate_is_read_only_its_profile_names_the_target_and_reports_count_it_once() {
        String owner = "rep-merge-" + token().toLowerCase();
        String t = token();
        // both registered 60 days ago with no contact since: overdue for grade C (15 days)
        String daysAgo = java.time.Instant.now().minus(Duration.ofDays(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String target = created(first.post("/api/customers", "manager",
                organisation(owner, named("温州瓯江电器" + t + "有限公司", "温州"))
                        .replaceFirst("\\{", "{\"occurredAt\": \"" + daysAgo + "\", ")));
        String duplicate = created(first.post("/api/customers", "manager", """
                {"occurredAt": "%s",
                 "force": true, "forceReason": "the rep did not find it", "kind": "ORGANIZATION", "nature": "COMPANY",
                 "tier": "REGULAR", "source": "EXHIBITION", "grade": "C", "ownerId": "%s",
                 "card": {"basic": {"name": "温州瓯江电器%s", "address": {"city": "温州"}}}}""".formatted(daysAgo, owner, t)));
        String merge = "/api/customers/" + duplicate + "/merge-into/" + target;

        assertThat(first.post(merge, "sales", "{\"reason\": \"same company\"}").status()).isEqualTo(403);
        Api.Response itself = first.post("/api/customers/" + duplicate + "/merge-into/" + duplicate, "manager",
                "{\"reason\": \"same company\"}");
        assertThat(itself.json().get("type").asString()).endsWith("/merge-into-itself");
        Api.Response merged = first.post(merge, "manager", "{\"reason\": \"same company, registered twice\"}");
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        assertThat(merged.json().get("version").asLong()).isEqualTo(3);

        Api.Response write = first.put("/api/customers/" + duplicate + "/grade", "manager",
                "{\"grade\": \"A\", \"reason\": \"hot\"}");
        assertThat(write.status()).isEqualTo(409);
        assertThat(write.json().get("type").asString()).endsWith("/customer-merged");
        Api.Response intoMerged = first.post("/api/customers/" + target + "/merge-into/" + duplicate, "manager",
                "{\"reason\": \"backwards\"}");
        assertThat(intoMerged.json().get("type").asString()).endsWith("/merge-target-merged");

        Api.Response profile = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> queries.get("/api/profiles/" + duplicate + "?minVersion=3", "manager"),
                answer -> answer.status() == 200);
        assertThat(profile.json().get("mergedInto").asString()).isEqualTo(target);
        assertThat(profile.header("Link")).isEqualTo("</api/profiles/" + target + ">; rel=\"canonical\"");
        // its history stays
        assertThat(queries.get("/api/profiles/" + duplicate + "/history", "auditor").json().get("events")).hasSize(3);
        // the lists name the company once
        JsonNode listed = queries.get("/api/profiles?ownerId=" + owner, "manager").json();
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("customerId").asString()).isEqualTo(target);
        // and the follow-ups: only the target is overdue
        JsonNode overdue = queries.get("/api/follow-ups/overdue?ownerId=" + owner, "manager").json();
        assertThat(overdue).extracting(node -> node.get("customerId").asString()).containsExactly(target);
        // and so do the reports
        JsonNode statistics = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(
                () -> queries.get("/api/reports/statistics?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&by=owner",
                        "manager").json(),
                rows -> row(rows, owner) != null && row(rows, owner).get("customers").asLong() == 1);
        assertThat(row(statistics, owner).get("newCustomers").asLong()).isEqualTo(1);
    }

    private static JsonNode row(JsonNode rows, String key) {
        JsonNode list = rows.isArray() ? rows : rows.get("rows");
        if (list == null) {
            return null;
        }
        for (JsonNode row : list) {
            if (key.equals(row.get("key").asString())) {
                return row;
            }
        }
        return null;
    }
}
