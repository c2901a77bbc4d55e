package com.customerarchive.query.profile;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random histories of a few hundred events, written through command-side: the profile the one pass keeps must
 * equal the profile as-of folds from the event store's first event (no checkpoint of the projection's); as both run the
 * same fold, the profile (version, visits, open complaints, grade, owner, status, consent, city and e-mail) and every
 * other read model must also hold what the test's own model of the history says, after the live pass and again after
 * a rebuild of every read model.
 */
class ProjectionVersusFoldTest extends BothAppsTest {

    private static final String[] GRADES = {"A", "B", "C", "D", "E"};
    private static final String[] METHODS = {"ON_SITE_VISIT", "PHONE", "MAIL", "EXHIBITION", "CUSTOMER_CAME", "ONLINE"};
    private static final String[] CITIES = {"Hangzhou", "Ningbo", "Suzhou", "Wuxi", "Shanghai"};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_projection_and_the_fold_agree_on_generated_histories() {
        var commands = new Api(COMMAND_SIDE.baseUrl());
        var queries = new Api("http://localhost:" + port);
        List<History> histories = new ArrayList<>();
        for (long seed : new long[]{7, 2026}) {
            Random random = new Random(seed);
            var history = new History(commands, random);
            history.write(250);

            // read as an auditor: a customer that withdrew its consent shows its personal fields to auditors only
            JsonNode projected = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> queries.get("/api/profiles/" + history.id + "?minVersion=" + history.version, "auditor"),
                            response -> response.status() == 200).json();
            String folded = foldedFromTheFirstEvent(queries, history);

            assertThat(comparable(projected)).as("seed " + seed).isEqualTo(folded);
            assertHoldsTheHistory(projected, history, "seed " + seed + ", projected");
            assertEveryReadModelFollows(history, "seed " + seed + ", live");
            history.folded = folded;
            histories.add(history);
        }

        // rebuilt from the first event, every read model says the same again
        assertThat(queries.post("/api/admin/projections/all/replay", "admin").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode status : queries.get("/api/admin/projections", "admin").json()) {
                if (status.get("replaying").asBoolean() || status.get("lag").asLong() > 0) {
                    return false;
                }
            }
            return true;
        });
        for (History history : histories) {
            assertEveryReadModelFollows(history, "after a rebuild");
            JsonNode rebuilt = queries.get("/api/profiles/" + history.id, "auditor").json();
            assertThat(comparable(rebuilt)).as("rebuilt profile").isEqualTo(history.folded);
            assertHoldsTheHistory(rebuilt, history, "rebuilt");
            // the rebuild sealed the checkpoints again: as-of from the last of them comes to the fold from event 1
            assertThat(checkpoints(history)).as("checkpoints sealed by the rebuild").isEqualTo(history.version / 100);
            JsonNode fromCheckpoint = queries.get("/api/profiles/" + history.id + "/as-of?version=" + history.version,
                    "auditor").json();
            assertThat(comparable(fromCheckpoint)).as("as-of from a checkpoint").isEqualTo(history.folded);
            assertHoldsTheHistory(fromCheckpoint, history, "as-of from a checkpoint");
        }
    }

    /** The profile holds what the test's own model of the history says, field by field. */
    private static void assertHoldsTheHistory(JsonNode profile, History history, String when) {
        assertThat(profile.get("version").asLong()).as(when + ": version").isEqualTo(history.version);
        assertThat(profile.get("visitCount").asInt()).as(when + ": visits").isEqualTo(history.visits);
        assertThat(profile.get("openComplaints").asInt()).as(when + ": open complaints")
                .isEqualTo(history.openComplaints());
        assertThat(profile.get("grade").asString()).as(when + ": grade").isEqualTo(history.grade);
        assertThat(profile.get("ownerId").asString()).as(when + ": owner").isEqualTo(history.owner);
        assertThat(profile.get("status").asString()).as(when + ": status")
                .isEqualTo(history.archived ? "ARCHIVED" : "ACTIVE");
        assertThat(text(profile.path("consentGranted"))).as(when + ": consent granted")
                .isEqualTo(history.consentGranted == null ? null : history.consentGranted.toString());
        assertThat(text(profile.at("/card/basic/address/city"))).as(when + ": city").isEqualTo(history.city);
        assertThat(text(profile.at("/card/basic/email"))).as(when + ": email").isEqualTo(history.email);
    }

    /** A field's value as text, null when the profile does not carry it. */
    private static String text(JsonNode field) {
        return field.isMissingNode() || field.isNull() ? null : field.asString();
    }

    /**
     * The profile as-of folds from the customer's first event: its checkpoints, sealed from the projection's own state,
     * removed first, so the fold shares nothing with the projection's rows (a checkpoint is only a shortcut; as-of
     * folds from the store without one).
     */
    private String foldedFromTheFirstEvent(Api queries, History history) {
        assertThat(checkpoints(history)).as("checkpoints the live projection sealed").isEqualTo(history.version / 100);
        jdbc.sql("DELETE FROM profile_checkpoint WHERE customer_id = :id").param("id", UUID.fromString(history.id))
                .update();
        assertThat(checkpoints(history)).isZero();
        return comparable(queries.get("/api/profiles/" + history.id + "/as-of?version=" + history.version, "auditor")
                .json());
    }

    private long checkpoints(History history) {
        return count("SELECT count(*) FROM profile_checkpoint WHERE customer_id = :id", UUID.fromString(history.id));
    }

    /**
     * Every read model the pass writes holds for the customer what its history says: the follow-up schedule, the
     * complaints by status and owner, the activity, the grade timeline and the audit history.
     */
    private void assertEveryReadModelFollows(History history, String when) {
        UUID id = UUID.fromString(history.id);
        // the owner is the profile's, kept there alone and joined by the follow-ups and the complaints
        var followUp = jdbc.sql("SELECT f.grade, p.owner_id, f.status FROM follow_up f "
                        + "JOIN profile p USING (customer_id) WHERE customer_id = :id")
                .param("id", id).query().singleRow();
        assertThat(followUp).as(when + ": follow-up").containsEntry("grade", history.grade)
                .containsEntry("owner_id", history.owner).containsEntry("status", history.archived ? "ARCHIVED" : "ACTIVE");
        Map<String, Long> complaints = new java.util.HashMap<>();
        jdbc.sql("SELECT c.status, count(*) AS n FROM complaint c JOIN profile p USING (customer_id) "
                        + "WHERE customer_id = :id AND p.owner_id = :owner GROUP BY c.status")
                .param("id", id).param("owner", history.owner).query()
                .listOfRows().forEach(row -> complaints.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
        long open = complaints.getOrDefault("FILED", 0L) + complaints.getOrDefault("ASSIGNED", 0L)
                + complaints.getOrDefault("REOPENED", 0L);
        assertThat(open).as(when + ": open complaints").isEqualTo(history.open.size());
        assertThat(complaints.getOrDefault("RESOLVED", 0L)).as(when + ": resolved").isEqualTo(history.resolved.size());
        assertThat(complaints.getOrDefault("FOLLOWED_UP", 0L)).as(when + ": followed up").isEqualTo(history.followedUp.size());
        assertThat(complaints.getOrDefault("CLOSED", 0L)).as(when + ": closed").isEqualTo(history.closed.size());
        assertThat(count("SELECT count(*) FROM report_fact WHERE customer_id = :id AND type = 'VisitRecorded'", id))
                .as(when + ": visits in the activity report").isEqualTo(history.visits);
        assertThat(count("SELECT count(*) FROM grade_change WHERE customer_id = :id", id))
                .as(when + ": grade timeline").isEqualTo(history.gradeChanges + 1);
        assertThat(count("SELECT count(*) FROM history_event WHERE customer_id = :id", id))
                .as(when + ": audit history").isEqualTo(history.version);
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }


    /** Leaves out what only an as-of answer carries and what is judged at different instants. */
    private static String comparable(JsonNode profile) {
        var copy = (tools.jackson.databind.node.ObjectNode) profile.deepCopy();
        // judged at the read, not folded: overdue, stale, and the purchases, lifecycle and value from the purchases
        copy.remove(List.of("asOf", "overdue", "stale", "purchases", "lifecycle", "value"));
        return copy.toString();
    }

    /** Drives one customer through random changes, keeping count of what it expects. */
    private static final class History {
        private final Api api;
        private final Random random;
        private final String id;
        private final List<String> open = new ArrayList<>();
        private final List<String> resolved = new ArrayList<>();
        private final List<String> followedUp = new ArrayList<>();
        private final List<String> closed = new ArrayList<>();
        private String grade = "C";
        private String owner = "rep-0";
        private boolean archived;
        /** Null until the first consent is recorded. */
        private Boolean consentGranted;
        private String city;
        private String email;
        private long version;
        /** The profile as-of folded from the first event, as {@link #comparable} gives it. */
        private String folded;
        private int visits;
        private int gradeChanges;

        History(Api api, Random random) {
            this.api = api;
            this.random = random;
            var created = api.post("/api/customers", "sales", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                     "ownerId": "rep-0", "card": {"basic": {"name": "Generated %d"}}}""".formatted(random.nextInt(1_000_000)));
            this.id = created.json().get("customerId").asString();
            this.version = 1;
        }

        int openComplaints() {
            return open.size();
        }

        void write(int events) {
            while (version < events) {
                step();
            }
        }

        private void step() {
            String c = "/api/customers/" + id;
            if (archived) {
                accept(api.post(c + "/reactivate", "manager", "{\"reason\": \"back\"}"));
                archived = false;
                return;
            }
            switch (random.nextInt(9)) {
                case 0 -> {
                    String nextCity = CITIES[random.nextInt(CITIES.length)];
                    String nextEmail = "x" + random.nextInt(50) + "@e.example";
                    accept(api.patch(c + "/card", "sales", "{\"basic\": {\"address\": {\"city\": \"" + nextCity
                            + "\"}, \"email\": \"" + nextEmail + "\"}}"));
                    city = nextCity;
                    email = nextEmail;
                }
                case 1 -> {
                    String next = GRADES[random.nextInt(GRADES.length)];
                    if (!next.equals(grade)) {
                        accept(api.put(c + "/grade", "manager", "{\"grade\": \"" + next + "\", \"reason\": \"r\"}"));
                        grade = next;
                        gradeChanges++;
                    }
                }
                case 2, 3 -> {
                    accept(api.post(c + "/visits", "sales", "{\"method\": \"" + METHODS[random.nextInt(METHODS.length)]
                            + "\", \"occurredAt\": \"2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                            + "T10:00:00Z\", \"nextFollowUpOn\": \"2026-12-01\"}"));
                    visits++;
                }
                case 4 -> open.add(accept(api.post(c + "/complaints", "sales",
                        "{\"category\": \"BILLING\", \"severity\": \"LOW\", \"description\": \"d\"}")).get("complaintId").asString());
                case 5 -> {
                    if (!open.isEmpty()) {
                        String complaint = open.remove(random.nextInt(open.size()));
                        accept(api.post(c + "/complaints/" + complaint + "/assign", "sales", "{\"assignee\": \"rep-1\"}"));
                        accept(api.post(c + "/complaints/" + complaint + "/resolve", "sales",
                                "{\"resolution\": \"ok\", \"responsibility\": \"OURS\"}"));
                        resolved.add(complaint);
                    }
                }
                case 6 -> {
                    if (!resolved.isEmpty()) {
                        String complaint = resolved.remove(random.nextInt(resolved.size()));
                        accept(api.post(c + "/complaints/" + complaint + "/follow-up", "sales", "{\"satisfaction\": 3}"));
                        if (random.nextBoolean()) {
                            accept(api.post(c + "/complaints/" + complaint + "/close", "sales", "{}"));
                            closed.add(complaint);
                        } else {
                            followedUp.add(complaint);
                        }
                    }
                }
                case 7 -> {
                    if (!closed.isEmpty() && random.nextBoolean()) {
                        String complaint = closed.remove(random.nextInt(closed.size()));
                        accept(api.post(c + "/complaints/" + complaint + "/reopen", "sales", "{\"reason\": \"again\"}"));
                        open.add(complaint);
                    } else {
                        String next = "rep-" + random.nextInt(4);
                        if (!next.equals(owner)) {
                            accept(api.put(c + "/owner", "manager", "{\"ownerId\": \"" + next + "\", \"reason\": \"r\"}"));
                            owner = next;
                        }
                    }
                }
                default -> {
                    if (random.nextInt(4) == 0) {
                        accept(api.post(c + "/archive", "manager", "{\"reason\": \"pause\"}"));
                        archived = true;
                    } else {
                        boolean granted = random.nextBoolean();
                        accept(api.post(c + "/consent", "sales", "{\"granted\": " + granted
                                + ", \"purpose\": \"marketing\"}"));
                        consentGranted = granted;
                    }
                }
            }
        }

        private JsonNode accept(Api.Response response) {
            assertThat(response.status()).as(response.raw().body()).isBetween(200, 201);
            version = response.json().get("version").asLong();
            return response.json();
        }
    }
}
