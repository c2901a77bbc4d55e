package com.customerarchive.query.pass;

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
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every read model rebuilt while readers read and writers write: no read fails or misses a customer it read
 * before, the live pass goes on (a write acknowledged while the rebuild is under way is read back with
 * {@code minVersion} before the swap), and once swapped in, the rebuilt tables hold row for row what the serving ones
 * held.
 */
class RebuildWhileServingTest extends BothAppsTest {

    /** Each table's rows of the customers nobody writes during the rebuild. */
    private static final Map<String, String> TABLES = Map.of(
            "profile", "SELECT customer_id, version, grade, owner_id, status, name, state::text FROM profile",
            "history_event", "SELECT customer_id, sequence, type, occurred_at, actor, data::text, changes::text FROM history_event",
            "field_change", "SELECT customer_id, sequence, field, from_value::text, to_value::text FROM field_change",
            "grade_change", "SELECT * FROM grade_change",
            "follow_up", "SELECT * FROM follow_up",
            "complaint", "SELECT * FROM complaint",
            "report_fact", "SELECT customer_id, sequence, occurred_at, recorded_at, type, facts::text FROM report_fact");

    /** A visit acknowledged to a busy customer: the customer, its version after the visit, the how-manyth write. */
    private record Acknowledged(String customerId, long version, int count) {
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reads_go_on_during_a_rebuild_of_every_read_model_and_the_new_tables_equal_the_old_ones() throws Exception {
        var commands = new Api(COMMAND_SIDE.baseUrl());
        var queries = new Api("http://localhost:" + port);
        List<String> quiet = customers(commands, "quiet", 12);
        List<String> busy = customers(commands, "busy", 4);
        awaitCaughtUp(queries);
        Map<String, List<Map<String, Object>>> before = rows(quiet);

        AtomicBoolean serving = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Acknowledged> lastWritten = new AtomicReference<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Random random = new Random(r);
            running.add(load.submit(() -> {
                while (serving.get()) {
                    String id = quiet.get(random.nextInt(quiet.size()));
                    for (String view : List.of("", "/history", "/grades", "/changes")) {
                        var answer = queries.get("/api/profiles/" + id + view, "auditor");
                        reads.incrementAndGet();
                        if (answer.status() != 200 || (view.equals("/history") && answer.json().get("events").isEmpty())) {
                            failures.add(view + " of " + id + ": " + answer.status());
                        }
                    }
                    var complaints = queries.get("/api/complaints?ownerId=rep-quiet", "manager");
                    if (complaints.status() != 200 || complaints.json().size() != quiet.size()) {
                        failures.add("complaints of rep-quiet: " + complaints.status());
                    }
                }
            }));
        }
        for (List<String> customers : List.of(busy.subList(0, 2), busy.subList(2, 4))) {
            running.add(load.submit(() -> {
                for (int i = 0; serving.get(); i++) {
                    String id = customers.get(i % customers.size());
                    var answer = commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"ONLINE\"}");
                    if (answer.status() == 201) {
                        lastWritten.set(new Acknowledged(id, answer.json().get("version").asLong(),
                                written.incrementAndGet()));
                    } else {
                        failures.add("visit to " + id + ": " + answer.status());
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 0 && reads.get() > 0);

        assertThat(queries.post("/api/admin/projections/all/replay", "admin").status()).isEqualTo(202);
        // under way from the moment its new tables are made until they are swapped in (the request then goes)
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> rebuildPrepared().orElse(false));
        int writtenAtStart = written.get();
        int readsAtStart = reads.get();
        AtomicInteger writtenBeforeLastSeenUnderWay = new AtomicInteger(writtenAtStart);
        AtomicInteger readsBeforeLastSeenUnderWay = new AtomicInteger(readsAtStart);
        AtomicReference<Acknowledged> readBackUnderWay = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            int acknowledged = written.get();
            int answered = reads.get();
            Acknowledged visit = lastWritten.get();
            // the live pass holds a write acknowledged after the rebuild was prepared, and the rebuild is still on
            if (readBackUnderWay.get() == null && visit != null && visit.count() > writtenAtStart
                    && queries.get("/api/profiles/" + visit.customerId() + "?minVersion=" + visit.version(), "auditor")
                    .status() == 200 && rebuildPrepared().isPresent()) {
                readBackUnderWay.set(visit);
            }
            if (rebuildPrepared().isEmpty()) {
                return true;
            }
            writtenBeforeLastSeenUnderWay.set(acknowledged);
            readsBeforeLastSeenUnderWay.set(answered);
            return false;
        });
        // and they go on over the tables swapped in: two rounds of reads, a write
        int readsAtSwap = reads.get();
        int writtenAtSwap = written.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() >= readsAtSwap + 8 && written.get() > writtenAtSwap);
        serving.set(false);
        for (Future<?> task : running) {
            task.get(30, TimeUnit.SECONDS);
        }
        load.shutdown();
        awaitCaughtUp(queries);

        assertThat(failures).as("reads and writes during and after the rebuild").isEmpty();
        assertThat(writtenBeforeLastSeenUnderWay.get() - writtenAtStart).as("writes acknowledged while the rebuild was "
                + "under way").isPositive();
        assertThat(readsBeforeLastSeenUnderWay.get() - readsAtStart).as("reads answered while the rebuild was under way")
                .isPositive();
        assertThat(readBackUnderWay.get()).as("a write acknowledged while the rebuild was under way, read back from the "
                + "live pass before the swap").isNotNull();
        Map<String, List<Map<String, Object>>> after = rows(quiet);
        before.forEach((table, rows) -> assertThat(after.get(table)).as(table).isEqualTo(rows));
        // the customers written meanwhile: every event in the rebuilt tables, once
        for (String id : busy) {
            long events = jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id")
                    .param("id", id).query(Long.class).single();
            assertThat(jdbc.sql("SELECT version FROM profile WHERE customer_id = CAST(:id AS uuid)").param("id", id)
                    .query(Long.class).single()).isEqualTo(events);
            assertThat(jdbc.sql("SELECT count(*) FROM history_event WHERE customer_id = CAST(:id AS uuid)").param("id", id)
                    .query(Long.class).single()).isEqualTo(events);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'read_model' AND tablename <> 'pass_rebuild' "
                        + "AND (tablename LIKE '%\\_rebuild' OR tablename LIKE '%\\_retired')")
                .query(Long.class).single()).as("no table of the rebuild left behind").isZero();
        // the rebuild wrote its tables unlogged; swapped in, they are logged like any other (a crash keeps them)
        assertThat(unloggedTables()).as("unlogged tables after the swap").containsExactly("pass_rebuild_witness");
    }

    /**
     * A rebuild's tables are unlogged while it fills them, and PostgreSQL empties unlogged tables when it recovers from
     * a crash. Such a rebuild, found prepared and half-way with its tables empty and its (unlogged) witness gone, starts
     * again from the first event instead of going on from where it was: the profiles swapped in are those there were.
     */
    @Test
    void a_rebuild_whose_unlogged_tables_a_database_crash_emptied_starts_again_from_the_first_event() {
        var commands = new Api(COMMAND_SIDE.baseUrl());
        var queries = new Api("http://localhost:" + port);
        List<String> customers = customers(commands, "crashed", 3);
        awaitCaughtUp(queries);
        List<Map<String, Object>> before = profiles(customers);
        assertThat(before).hasSize(3);

        // as crash recovery leaves it: the rebuild prepared and at the head, its tables there and empty, no witness
        long head = jdbc.sql("SELECT max(global_index) FROM event_store.domain_event_entry").query(Long.class).single();
        jdbc.sql("DELETE FROM pass_rebuild_witness").update();
        for (String table : List.of("profile", "profile_checkpoint")) {
            jdbc.sql("DROP TABLE IF EXISTS " + table + "_rebuild").update();
            jdbc.sql("CREATE UNLOGGED TABLE " + table + "_rebuild (LIKE " + table + " INCLUDING ALL)").update();
        }
        jdbc.sql("""
                INSERT INTO pass_rebuild (id, generation, models, last_index, events, prepared, started_at, updated_at)
                VALUES (1, 1000, '{profiles}', :head, :head, TRUE, now(), now())""").param("head", head).update();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> rebuildPrepared().isEmpty());
        awaitCaughtUp(queries);
        assertThat(profiles(customers)).as("the profiles swapped in").isEqualTo(before);
        assertThat(unloggedTables()).containsExactly("pass_rebuild_witness");
    }

    private List<Map<String, Object>> profiles(List<String> customers) {
        return jdbc.sql(TABLES.get("profile") + " WHERE customer_id::text = ANY(:ids) ORDER BY customer_id")
                .param("ids", customers.toArray(String[]::new)).query().listOfRows();
    }

    private List<String> unloggedTables() {
        return jdbc.sql("SELECT relname FROM pg_class WHERE relpersistence = 'u' AND relkind = 'r' "
                + "AND relnamespace = CAST('read_model' AS regnamespace) ORDER BY relname").query(String.class).list();
    }

    /** Customers with a grade change, a card edit, a visit and a complaint each. */
    private static List<String> customers(Api commands, String owner, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = commands.post("/api/customers", "sales", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                     "ownerId": "rep-%s", "card": {"basic": {"name": "Rebuilt %s %d", "phones": ["1380000%04d"]}}}"""
                    .formatted(owner, owner, i, i)).json().get("customerId").asString();
            assertThat(commands.put("/api/customers/" + id + "/grade", "manager",
                    "{\"grade\": \"B\", \"reason\": \"budget approved\"}").status()).isEqualTo(200);
            assertThat(commands.patch("/api/customers/" + id + "/card", "sales",
                    "{\"basic\": {\"email\": \"c" + i + "@example.cn\"}}").status()).isEqualTo(200);
            assertThat(commands.post("/api/customers/" + id + "/visits", "sales",
                    "{\"method\": \"ON_SITE_VISIT\"}").status()).isEqualTo(201);
            assertThat(commands.post("/api/customers/" + id + "/complaints", "sales",
                    "{\"category\": \"SERVICE_ATTITUDE\", \"severity\": \"LOW\", \"description\": \"late reply\"}")
                    .status()).isEqualTo(201);
            ids.add(id);
        }
        return ids;
    }

    private Map<String, List<Map<String, Object>>> rows(List<String> customers) {
        Map<String, List<Map<String, Object>>> rows = new java.util.HashMap<>();
        // rows of one event (a registration's field changes) have no order of their own: compare them sorted whole
        TABLES.forEach((table, select) -> rows.put(table, jdbc.sql(select
                        + " WHERE customer_id::text = ANY(:ids)")
                .param("ids", customers.toArray(String[]::new)).query().listOfRows().stream()
                .sorted(java.util.Comparator.comparing(Object::toString)).toList()));
        return rows;
    }

    /** Empty once no rebuild is asked for (its request goes with the swap); true once its new tables are made. */
    private Optional<Boolean> rebuildPrepared() {
        return jdbc.sql("SELECT prepared FROM pass_rebuild").query(Boolean.class).optional();
    }

    private static void awaitCaughtUp(Api queries) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode status : queries.get("/api/admin/projections", "admin").json()) {
                if (status.get("lag").asLong() != 0 || status.get("replaying").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }
}
