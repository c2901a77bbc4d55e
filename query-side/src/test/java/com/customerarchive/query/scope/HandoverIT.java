package com.customerarchive.query.scope;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leaving rep's book of 2,000 customers handed over (交接) in one request, command-side killed (SIGKILL) while the
 * job runs, started again and the request repeated: every customer moved exactly once, each by one OwnerTransferred
 * carrying the job's id; an archived customer and one given to a third rep while the job ran are refused with their
 * rules and stay where they are; a third request changes nothing.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class HandoverIT {

    private static final int BOOK = 2_000;

    private final List<AppProcess> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(AppProcess::stop);
    }

    @Test
    void a_book_of_two_thousand_handed_over_through_a_crash_moves_every_customer_exactly_once() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 8);
        String leaving = "leaving-" + token;
        String taking = "taking-" + token;
        AppProcess first = started();
        Api commands = new Api(first.baseUrl());
        List<String> book = registered(commands, leaving, BOOK);
        String archived = book.get(0);
        Api.Response archiving = commands.post("/api/customers/" + archived + "/archive", "manager",
                "{\"reason\": \"shop closed\"}");
        assertThat(archiving.status()).as(archiving.raw().body()).isEqualTo(200);
        String request = """
                {"fromOwner": "%s", "toOwner": "%s", "reason": "rep left the company"}""".formatted(leaving, taking);

        Api.Response started = commands.post("/api/customers/handover", "manager", request);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String jobId = started.json().get("jobId").asString();
        assertThat(started.json().get("count").asInt()).isEqualTo(BOOK);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> progress(commands, jobId).get("moved").asInt() >= 100);
        // the job goes through the book in id order: the last customer is still waiting for it
        String givenAway = book.stream().sorted().reduce((earlier, later) -> later).orElseThrow();
        Api.Response away = commands.put("/api/customers/" + givenAway + "/owner", "manager",
                "{\"ownerId\": \"third-" + token + "\", \"reason\": \"the customer asked for another rep\"}");
        assertThat(away.status()).as(away.raw().body()).isEqualTo(200);
        first.kill();
        apps.remove(first);
        int movedBeforeTheCrash = movedFor(taking);
        assertThat(movedBeforeTheCrash).as("the crash came in the middle of the job").isBetween(100, BOOK - 2);

        AppProcess second = started();
        Api again = new Api(second.baseUrl());
        Api.Response repeated = again.post("/api/customers/handover", "manager", request);
        assertThat(repeated.status()).as(repeated.raw().body()).isEqualTo(202);
        assertThat(repeated.json().get("jobId").asString()).as("the same request is the same job").isEqualTo(jobId);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> progress(again, jobId).get("state").asString().equals("DONE"));

        JsonNode done = progress(again, jobId);
        assertThat(done.get("count").asInt()).isEqualTo(BOOK);
        assertThat(done.get("moved").asInt()).isEqualTo(BOOK - 2);
        assertThat(done.get("pending").asInt()).isZero();
        assertThat(done.get("refused").valueStream().map(refused -> refused.get("customerId").asString() + " "
                + refused.get("rule").asString()).toList()).containsExactlyInAnyOrder(archived + " customer-archived",
                givenAway + " owner-changed");
        assertTransferredOnceEach(book, List.of(archived, givenAway), taking, jobId);
        assertThat(ownerOf(givenAway)).as("the customer given away stays with its new rep").isEqualTo("third-" + token);
        assertThat(ownerOf(archived)).isEqualTo(leaving);

        Api.Response third = again.post("/api/customers/handover", "manager", request);
        assertThat(third.status()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> progress(again, jobId).get("state").asString().equals("DONE"));
        assertThat(progress(again, jobId).get("moved").asInt()).isEqualTo(BOOK - 2);
        assertTransferredOnceEach(book, List.of(archived, givenAway), taking, jobId);
    }

    @Test
    void a_handover_is_refused_to_a_rep_and_to_the_same_owner() {
        AppProcess app = started();
        Api commands = new Api(app.baseUrl());
        Api.Response byRep = commands.post("/api/customers/handover", "sales",
                "{\"fromOwner\": \"sales\", \"toOwner\": \"rep-other\", \"reason\": \"leaving\"}");
        assertThat(byRep.status()).isEqualTo(403);
        assertThat(byRep.json().get("type").asString()).endsWith("/handover-needs-lead");
        Api.Response same = commands.post("/api/customers/handover", "manager",
                "{\"fromOwner\": \"sales\", \"toOwner\": \"sales\", \"reason\": \"leaving\"}");
        assertThat(same.status()).isEqualTo(400);
        Api.Response unknown = commands.get("/api/customers/handover/" + UUID.randomUUID(), "manager");
        assertThat(unknown.status()).isEqualTo(404);
    }

    private AppProcess started() {
        AppProcess app = AppProcess.startWith("command-side", Map.of());
        apps.add(app);
        return app;
    }

    private static JsonNode progress(Api commands, String jobId) {
        Api.Response answer = commands.get("/api/customers/handover/" + jobId, "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.json();
    }

    /**
     * Registers {@code count} customers of {@code owner} from more clients than command-side's pool has connections
     * (a registration's duplicate check holds one while the scope is read: it must not ask the pool for a second);
     * every answer is collected and checked.
     */
    private static List<String> registered(Api commands, String owner, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = """
                        {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE",
                         "grade": "C", "ownerId": "%s", "card": {"basic": {"name": "Book %d"}}}""".formatted(owner, i);
                answers.add(clients.submit(() -> commands.post("/api/customers", "manager", body)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(2, TimeUnit.MINUTES);
                assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
                ids.add(response.json().get("customerId").asString());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }

    private static JdbcClient store() {
        TestDatabase database = TestDatabase.get();
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
    }

    /** How many OwnerTransferred to {@code taking} the store holds. */
    private static int movedFor(String taking) {
        return store().sql("""
                        SELECT count(*) FROM event_store.domain_event_entry
                        WHERE payload_type = 'com.customerarchive.events.OwnerTransferredEvent'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'to' = ?""")
                .param(taking).query(Integer.class).single();
    }

    private static String ownerOf(String customerId) {
        return store().sql("SELECT owner_id FROM event_store.customer_owner WHERE customer_id = CAST(? AS uuid)")
                .param(customerId).query(String.class).single();
    }

    /** Each customer of the book but those that stayed has exactly one transfer to {@code taking}, under the job's id. */
    private static void assertTransferredOnceEach(List<String> book, List<String> stayed, String taking, String jobId) {
        List<Map<String, Object>> transfers = store().sql("""
                        SELECT aggregate_identifier AS customer, count(*) AS transfers,
                               min(convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId') AS first_job,
                               max(convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId') AS last_job,
                               max(convert_from(meta_data, 'UTF8')::jsonb ->> 'actor') AS actor
                        FROM event_store.domain_event_entry
                        WHERE payload_type = 'com.customerarchive.events.OwnerTransferredEvent'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'to' = ?
                        GROUP BY aggregate_identifier""")
                .param(taking).query().listOfRows();
        assertThat(transfers).hasSize(BOOK - 2);
        assertThat(transfers).allSatisfy(row -> {
            assertThat(((Number) row.get("transfers")).intValue()).isEqualTo(1);
            assertThat(row.get("first_job")).isEqualTo(jobId);
            assertThat(row.get("last_job")).isEqualTo(jobId);
            assertThat(row.get("actor")).isEqualTo("manager");
        });
        List<String> moved = transfers.stream().map(row -> (String) row.get("customer")).toList();
        assertThat(moved).containsExactlyInAnyOrderElementsOf(book.stream().filter(id -> !stayed.contains(id)).toList());
        Map<String, Object> owners = store().sql("""
                        SELECT count(*) FILTER (WHERE owner_id = :taking) AS taking,
                               count(*) FILTER (WHERE owner_id <> :taking) AS other
                        FROM event_store.customer_owner WHERE customer_id = ANY(CAST(:book AS uuid[]))""")
                .param("taking", taking).param("book", book.toArray(String[]::new)).query().singleRow();
        assertThat(((Number) owners.get("taking")).intValue()).isEqualTo(BOOK - 2);
        assertThat(((Number) owners.get("other")).intValue()).as("the archived and the given-away stay").isEqualTo(2);
    }
}
