package com.customerarchive.query.scenario;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer's year, written through command-side's HTTP API with back-dated business times (in 2019,
 * apart from every other test's data), then every query endpoint checked against what was written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveScenarioTest extends BothAppsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api commands;
    Api queries;
    String owner = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    String id;
    String c;
    long version;
    Instant afterFirstEdit;
    Instant afterSecondGrade;
    Instant atEnd;

    @BeforeAll
    void writeTheYear() throws InterruptedException {
        commands = new Api(COMMAND_SIDE.baseUrl());
        var created = commands.post("/api/customers", "sales", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "%s", "occurredAt": "2019-01-05T09:00:00Z",
                 "card": {"basic": {"name": "Scenario Textiles", "address": {"province": "Zhejiang", "city": "Hangzhou"}}}}"""
                .formatted(owner));
        assertThat(created.status()).isEqualTo(201);
        id = created.json().get("customerId").asString();
        c = "/api/customers/" + id;

        write(commands.patch(c + "/card", "sales",
                "{\"occurredAt\": \"2019-02-01T10:00:00Z\", \"basic\": {\"email\": \"buy@textiles.example\", \"address\": {\"city\": \"Ningbo\"}}}"));
        afterFirstEdit = pause();
        write(commands.post(c + "/visits", "sales", """
                {"occurredAt": "2019-02-10T03:00:00Z", "method": "ON_SITE_VISIT",
                 "contact": {"name": "Ms Lin", "role": "DECISION_MAKER"}, "nextFollowUpOn": "2019-02-25"}"""));
        write(commands.put(c + "/grade", "manager", "{\"grade\": \"B\", \"reason\": \"budget\", \"occurredAt\": \"2019-03-01T00:00:00Z\"}"));
        afterSecondGrade = pause();
        write(commands.patch(c + "/card", "sales", "{\"occurredAt\": \"2019-04-01T00:00:00Z\", \"basic\": {\"phones\": [\"+86 574 1234 5678\"]}}"));
        write(commands.put(c + "/grade", "manager", "{\"grade\": \"A\", \"reason\": \"tender won\", \"occurredAt\": \"2019-05-01T00:00:00Z\"}"));
        write(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2019-05-03T00:00:00Z\", \"method\": \"PHONE\"}"));
        String first = c + "/complaints/" + write(commands.post(c + "/complaints", "sales",
                "{\"category\": \"DELIVERY\", \"severity\": \"HIGH\", \"description\": \"late\", \"occurredAt\": \"2019-06-01T00:00:00Z\"}"))
                .get("complaintId").asString();
        write(commands.post(first + "/assign", "manager", "{\"assignee\": \"rep-z\", \"occurredAt\": \"2019-06-01T01:00:00Z\"}"));
        write(commands.post(first + "/resolve", "sales",
                "{\"resolution\": \"re-sent\", \"responsibility\": \"OURS\", \"occurredAt\": \"2019-06-02T00:00:00Z\"}"));
        write(commands.post(first + "/follow-up", "sales", "{\"satisfaction\": 4, \"occurredAt\": \"2019-06-05T00:00:00Z\"}"));
        write(commands.post(first + "/close", "sales", "{\"occurredAt\": \"2019-06-06T00:00:00Z\"}"));
        write(commands.post(c + "/complaints", "sales",
                "{\"category\": \"PRODUCT_QUALITY\", \"severity\": \"CRITICAL\", \"description\": \"broken loom\", \"occurredAt\": \"2019-07-01T00:00:00Z\"}"));
        write(commands.put(c + "/grade", "manager", "{\"grade\": \"B\", \"reason\": \"tender delayed\", \"occurredAt\": \"2019-08-01T00:00:00Z\"}"));
        atEnd = pause();
        assertThat(version).isEqualTo(14);
    }

    private JsonNode write(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isBetween(200, 201);
        version = response.json().get("version").asLong();
        return response.json();
    }

    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }

    /** Reads as a UI that just wrote would: with minVersion, retried while the answer is 503. */
    private JsonNode read(String path, String user) {
        String separator = path.contains("?") ? "&" : "?";
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries().get(path + separator + "minVersion=" + version, user), r -> r.status() != 503)
                .json();
    }

    private Api queries() {
        if (queries == null) {
            queries = new Api("http://localhost:" + port);
        }
        return queries;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asString();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    @Order(1)
    void the_profile_shows_the_customer_as_it_now_stands() {
        JsonNode profile = read("/api/profiles/" + id, "manager");

        assertThat(profile.get("version").asLong()).isEqualTo(14);
        assertThat(profile.get("grade").asString()).isEqualTo("B");
        assertThat(profile.at("/card/basic/address/city").asString()).isEqualTo("Ningbo");
        assertThat(profile.at("/card/basic/phones/0").asString()).isEqualTo("+86 574 1234 5678");
        assertThat(profile.get("visitCount").asInt()).isEqualTo(2);
        assertThat(profile.get("openComplaints").asInt()).isEqualTo(1);
        // the complaint's return visit of 2019-06-05 is the last contact, after the phone call of 2019-05-03
        assertThat(profile.get("lastContactAt").asString()).isEqualTo("2019-06-05T00:00:00Z");
        assertThat(profile.get("stale").asBoolean()).isTrue();
        assertThat(profile.get("overdue").asBoolean()).isTrue();

        JsonNode page = read("/api/profiles?ownerId=" + owner + "&city=ningbo&q=textiles&grade=B", "manager");
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(read("/api/profiles?ownerId=" + owner + "&grade=A", "manager").get("total").asLong()).isZero();
        assertThat(read("/api/profiles?ownerId=" + owner + "&stale=false", "manager").get("total").asLong()).isZero();
    }

    @Test
    @Order(2)
    void the_history_lists_every_event_in_order_with_who_when_and_what_changed() {
        JsonNode history = read("/api/profiles/" + id + "/history", "auditor");
        List<JsonNode> events = list(history.get("events"));

        assertThat(events).hasSize(14);
        assertThat(events).extracting(e -> e.get("sequence").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 14).boxed().toList());
        assertThat(events).extracting(e -> e.get("type").asString()).containsExactly(
                "CustomerRegistered", "ProfileCardEdited", "VisitRecorded", "GradeChanged", "ProfileCardEdited",
                "GradeChanged", "VisitRecorded", "ComplaintFiled", "ComplaintAssigned", "ComplaintResolved",
                "ComplaintFollowedUp", "ComplaintClosed", "ComplaintFiled", "GradeChanged");
        assertThat(events.get(3).get("actor").asString()).isEqualTo("manager");
        assertThat(events.get(3).get("occurredAt").asString()).isEqualTo("2019-03-01T00:00:00Z");
        assertThat(Instant.parse(events.get(3).get("recordedAt").asString())).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(events.get(3).get("changes").toString())
                .isEqualTo("[{\"field\":\"grade\",\"from\":\"C\",\"to\":\"B\"}]");
        assertThat(list(events.get(1).get("changes"))).extracting(ch -> ch.get("field").asString() + ":"
                        + text(ch.get("from")) + "->" + text(ch.get("to")))
                .containsExactly("basic.address.city:Hangzhou->Ningbo", "basic.email:null->buy@textiles.example");
    }

    @Test
    @Order(3)
    void the_field_timeline_shows_each_value_a_field_held() {
        List<JsonNode> city = list(read("/api/profiles/" + id + "/changes?field=basic.address.city", "manager"));

        assertThat(city).extracting(ch -> ch.get("occurredAt").asString() + " " + ch.get("to").asString())
                .containsExactly("2019-01-05T09:00:00Z Hangzhou", "2019-02-01T10:00:00Z Ningbo");
        List<JsonNode> basicSince = list(read("/api/profiles/" + id
                + "/changes?field=basic&from=2019-03-01T00:00:00Z&to=2019-12-31T00:00:00Z", "manager"));
        assertThat(basicSince).extracting(ch -> ch.get("field").asString()).containsExactly("basic.phones");
    }

    @Test
    @Order(4)
    void the_grade_timeline_counts_the_days_spent_in_each_grade() {
        List<JsonNode> grades = list(read("/api/profiles/" + id + "/grades", "manager"));

        assertThat(grades).extracting(g -> text(g.get("from")) + "->" + text(g.get("to")) + " after "
                        + text(g.get("daysInPreviousGrade")))
                .containsExactly("null->C after null", "C->B after 54", "B->A after 61", "A->B after 92");
        assertThat(grades.get(2).get("reason").asString()).isEqualTo("tender won");
    }

    @Test
    @Order(5)
    void as_of_rebuilds_the_profile_as_the_archive_knew_it_at_three_instants_and_by_version() {
        JsonNode early = read("/api/profiles/" + id + "/as-of?at=" + afterFirstEdit, "auditor");
        JsonNode middle = read("/api/profiles/" + id + "/as-of?at=" + afterSecondGrade, "auditor");
        JsonNode late = read("/api/profiles/" + id + "/as-of?at=" + atEnd, "auditor");

        assertThat(early.get("version").asLong()).isEqualTo(2);
        assertThat(early.get("grade").asString()).isEqualTo("C");
        assertThat(early.get("visitCount").asInt()).isZero();
        assertThat(early.at("/card/basic/address/city").asString()).isEqualTo("Ningbo");
        assertThat(middle.get("version").asLong()).isEqualTo(4);
        assertThat(middle.get("grade").asString()).isEqualTo("B");
        assertThat(middle.get("visitCount").asInt()).isEqualTo(1);
        assertThat(late.get("version").asLong()).isEqualTo(14);
        assertThat(late.get("openComplaints").asInt()).isEqualTo(1);
        assertThat(read("/api/profiles/" + id + "/as-of?version=1", "auditor").at("/card/basic/address/city").asString())
                .isEqualTo("Hangzhou");
        var before = queries().get("/api/profiles/" + id + "/as-of?at=2000-01-01T00:00:00Z", "auditor");
        assertThat(before.status()).isEqualTo(404);
        assertThat(queries().get("/api/profiles/" + id + "/as-of", "auditor").status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    void overdue_follow_ups_are_judged_by_the_grade_cadence_at_the_chosen_instant() {
        List<JsonNode> late = list(read("/api/follow-ups/overdue?ownerId=" + owner + "&asOf=2019-08-10T00:00:00Z", "manager"));
        assertThat(late).hasSize(1);
        assertThat(late.get(0).get("cadenceDays").asInt()).isEqualTo(7);
        // counted from the complaint's return visit, the last contact
        long days = Duration.between(Instant.parse("2019-06-05T00:00:00Z"), Instant.parse("2019-08-10T00:00:00Z")).toDays();
        assertThat(late.get(0).get("daysOverdue").asLong()).isEqualTo(days - 7);
        assertThat(list(read("/api/follow-ups/overdue?ownerId=" + owner + "&asOf=2019-01-05T12:00:00Z", "manager"))).isEmpty();
    }

    @Test
    @Order(7)
    void complaints_show_their_state_age_target_and_breach() {
        List<JsonNode> all = list(read("/api/complaints?ownerId=" + owner, "manager"));
        assertThat(all).extracting(x -> x.get("status").asString()).containsExactlyInAnyOrder("CLOSED", "FILED");

        List<JsonNode> early = list(read("/api/complaints?ownerId=" + owner + "&breached=true&asOf=2019-07-01T02:00:00Z", "manager"));
        assertThat(early).isEmpty();
        List<JsonNode> breached = list(read("/api/complaints?ownerId=" + owner + "&breached=true&asOf=2019-07-02T00:00:00Z", "manager"));
        assertThat(breached).hasSize(1);
        assertThat(breached.get(0).get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(breached.get(0).get("targetHours").asDouble()).isEqualTo(4.0);
        assertThat(breached.get(0).get("ageHours").asDouble()).isEqualTo(24.0);
        JsonNode closed = all.stream().filter(x -> x.get("status").asString().equals("CLOSED")).findFirst().orElseThrow();
        assertThat(closed.get("ageHours").asDouble()).isEqualTo(24.0);
        assertThat(closed.get("satisfaction").asInt()).isEqualTo(4);
        assertThat(closed.get("breached").asBoolean()).isFalse();
    }

    @Test
    @Order(8)
    void the_migration_matrix_counts_grades_at_both_dates_and_activity_counts_what_reps_did() {
        JsonNode migration = read("/api/reports/grade-migration?from=2019-02-15T00:00:00Z&to=2019-06-15T00:00:00Z", "manager");
        assertThat(migration.at("/matrix/C/A").asLong()).isEqualTo(1);
        long total = 0;
        for (String row : new String[]{"A", "B", "C", "D", "E"}) {
            for (String column : new String[]{"A", "B", "C", "D", "E"}) {
                total += migration.at("/matrix/" + row + "/" + column).asLong();
            }
        }
        assertThat(total).isEqualTo(1);

        JsonNode activity = read("/api/reports/activity?from=2019-01-01T00:00:00Z&to=2020-01-01T00:00:00Z&ownerId=" + owner, "manager");
        JsonNode rep = activity.get("owners").get(0);
        assertThat(rep.get("ownerId").asString()).isEqualTo(owner);
        assertThat(rep.get("visits").asLong()).isEqualTo(2);
        assertThat(rep.at("/visitsByMethod/PHONE").asLong()).isEqualTo(1);
        assertThat(rep.get("complaintsFiled").asLong()).isEqualTo(2);
        assertThat(rep.get("complaintsResolved").asLong()).isEqualTo(1);
        assertThat(rep.get("gradeUps").asLong()).isEqualTo(2);
        assertThat(rep.get("gradeDowns").asLong()).isEqualTo(1);
    }

    @Test
    @Order(9)
    void bad_filters_and_dates_are_400_and_unknown_customers_404() {
        assertThat(queries().get("/api/profiles?grade=Z", "manager").status()).isEqualTo(400);
        assertThat(queries().get("/api/profiles?size=5000", "manager").status()).isEqualTo(400);
        assertThat(queries().get("/api/profiles?sort=password", "manager").status()).isEqualTo(400);
        assertThat(queries().get("/api/reports/grade-migration?from=yesterday&to=2019-01-01T00:00:00Z", "manager").status()).isEqualTo(400);
        assertThat(queries().get("/api/reports/grade-migration?from=2019-02-01T00:00:00Z&to=2019-01-01T00:00:00Z", "manager").status()).isEqualTo(400);
        assertThat(queries().get("/api/reports/activity", "manager").status()).isEqualTo(400);
        String unknown = "/api/profiles/" + UUID.randomUUID();
        for (String path : List.of(unknown, unknown + "/history", unknown + "/changes", unknown + "/grades",
                unknown + "/as-of?version=1")) {
            var response = queries().get(path, "auditor");
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(queries().get("/api/reports/activity?from=2019-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", "sales").status()).isEqualTo(403);
        // a manager's dashboard reads how far behind the read models are; only an admin replays them
        assertThat(queries().get("/api/admin/projections", "manager").status()).isEqualTo(200);
        assertThat(queries().post("/api/admin/projections/profiles/replay", "manager").status()).isEqualTo(403);
    }

    @Test
    @Order(10)
    void a_version_not_yet_written_is_503_with_retry_after() {
        var response = queries().get("/api/profiles/" + id + "?minVersion=99", "manager");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
    }

    @Test
    @Order(11)
    void every_projection_rebuilt_by_replay_holds_what_it_held_before_and_reads_go_on_meanwhile() {
        Map<String, String> tables = Map.of("profiles", "SELECT customer_id, version, state::text FROM profile ORDER BY 1",
                "history", "SELECT customer_id, sequence, type, occurred_at, actor, data::text, changes::text FROM history_event ORDER BY 1, 2",
                "field-changes", "SELECT customer_id, sequence, field, from_value::text, to_value::text FROM field_change ORDER BY 1, 2, 3",
                "grades", "SELECT * FROM grade_change ORDER BY 1, 2",
                "follow-ups", "SELECT * FROM follow_up ORDER BY 1",
                "complaints", "SELECT * FROM complaint ORDER BY 1",
                "report-facts", "SELECT customer_id, sequence, occurred_at, recorded_at, type, facts::text FROM report_fact ORDER BY 1, 2");
        Map<String, String> ownRows = Map.of("profiles", "profile", "history", "history_event",
                "field-changes", "field_change", "grades", "grade_change", "follow-ups", "follow_up",
                "complaints", "complaint", "report-facts", "report_fact");
        // each read model's own endpoint, read while it is rebuilt: 404 only while the customer's rows are missing
        Map<String, String> ownReads = Map.of("profiles", "/api/profiles/" + id,
                "history", "/api/profiles/" + id + "/history",
                "field-changes", "/api/profiles/" + id + "/changes",
                "grades", "/api/profiles/" + id + "/grades",
                "follow-ups", "/api/follow-ups/overdue?ownerId=" + owner,
                "complaints", "/api/complaints?customerId=" + id,
                "report-facts", "/api/reports/activity?from=2019-01-01T00:00:00Z&to=2020-01-01T00:00:00Z&ownerId=" + owner);
        var admin = queries();
        for (var projection : tables.entrySet()) {
            String ownRead = ownReads.get(projection.getKey());
            String rowsOfTheCustomer = "SELECT count(*) FROM " + ownRows.get(projection.getKey())
                    + " WHERE customer_id = :id";
            // what the live pass holds once it has read every stored event
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    admin.get("/api/admin/projections/" + projection.getKey(), "admin").json().get("lag").asLong() == 0);
            List<Map<String, Object>> before = jdbc.sql(projection.getValue()).query().listOfRows();
            // only a real rebuild from the events brings these rows back
            int removed = jdbc.sql("DELETE FROM " + ownRows.get(projection.getKey()) + " WHERE customer_id = :id")
                    .param("id", UUID.fromString(id)).update();
            assertThat(removed).as(projection.getKey()).isPositive();

            var accepted = admin.post("/api/admin/projections/" + projection.getKey() + "/replay", "admin");
            assertThat(accepted.status()).isEqualTo(202);
            List<String> wrongReads = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                boolean rowsThere = jdbc.sql(rowsOfTheCustomer).param("id", UUID.fromString(id)).query(Long.class)
                        .single() > 0;
                int read = admin.get(ownRead, "admin").status();
                if (read != 200 && (read != 404 || rowsThere)) {
                    wrongReads.add(read + (rowsThere ? " with" : " without") + " the customer's rows");
                }
                JsonNode status = admin.get("/api/admin/projections/" + projection.getKey(), "admin").json();
                return !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0
                        && jdbc.sql(projection.getValue()).query().listOfRows().equals(before);
            });

            assertThat(jdbc.sql(projection.getValue()).query().listOfRows()).as(projection.getKey()).isEqualTo(before);
            assertThat(wrongReads).as(ownRead + " during the replay of " + projection.getKey()).isEmpty();
            assertThat(admin.get(ownRead, "admin").status()).as(ownRead + " after the replay").isEqualTo(200);
        }
        assertThat(admin.get("/actuator/prometheus", null).raw().body())
                .contains("archive_projection_lag{").contains("archive_projection_replaying{");
        assertThat(admin.post("/api/admin/projections/nothing/replay", "admin").status()).isEqualTo(404);
    }
}
