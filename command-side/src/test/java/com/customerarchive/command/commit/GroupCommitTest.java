package com.customerarchive.command.commit;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.command.support.Together;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.privacy.EventHash;
import com.customerarchive.testsupport.Api;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands written at the same time share a commit: more commands are stored than commits are made, every visit
 * acknowledged is stored once, in the order of its customer's chain; and a batch whose commit fails does not fail the
 * commands that were only in it with the one that cannot commit.
 */
@TestPropertySource(properties = "archive.writes.group-commit.enabled=true")
class GroupCommitTest extends PostgresTest {

    private static final int CLIENTS = 8;
    private static final int VISITS = 20;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void visits_sent_together_share_commits_and_each_acknowledged_one_is_stored_once_in_its_chain() throws Exception {
        Api api = new Api("http://localhost:" + port);
        List<String> customers = registered(api, CLIENTS, "Batched Trading");
        double batchesBefore = batches();
        double batchedBefore = batched();

        List<List<Integer>> statuses = Together.run(CLIENTS, client -> visits(api, customers.get(client), VISITS));

        assertThat(statuses).allSatisfy(answers -> assertThat(answers).hasSize(VISITS).containsOnly(201));
        for (String customer : customers) {
            assertThat(eventsOf(customer)).as("registration and %d visits of %s", VISITS, customer)
                    .isEqualTo(1 + VISITS);
            assertThat(brokenLinkOf(customer)).as("the chain of " + customer).isNull();
        }
        double commands = batched() - batchedBefore;
        double commits = batches() - batchesBefore;
        assertThat(commands).as("commands stored by group commits").isGreaterThanOrEqualTo(CLIENTS * VISITS);
        assertThat(commits).as("commits they took").isPositive().isLessThan(commands);
    }

    @Test
    void a_batch_whose_commit_fails_is_sent_again_command_by_command_and_only_the_bad_one_fails() throws Exception {
        Api api = new Api("http://localhost:" + port);
        List<String> customers = registered(api, CLIENTS, "Refused At Commit");
        String refused = customers.get(0);
        // the database refuses, at commit and only then, any transaction that stores an event of the first customer
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION public.group_commit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused at commit by the test'; END $$""").update();
        jdbc.sql("CREATE CONSTRAINT TRIGGER group_commit_test_refuse AFTER INSERT ON event_store.domain_event_entry "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.aggregate_identifier = '" + refused + "') "
                + "EXECUTE FUNCTION public.group_commit_test_refuse()").update();
        double failedBefore = failedCommands();
        List<List<Integer>> statuses;
        try {
            statuses = Together.run(CLIENTS, client -> visits(api, customers.get(client), VISITS));
        } finally {
            jdbc.sql("DROP TRIGGER group_commit_test_refuse ON event_store.domain_event_entry").update();
            jdbc.sql("DROP FUNCTION public.group_commit_test_refuse()").update();
        }

        assertThat(statuses.get(0)).as("the refused customer's visits").hasSize(VISITS).doesNotContain(201);
        assertThat(eventsOf(refused)).as("the refused customer's events").isEqualTo(1);
        for (int client = 1; client < CLIENTS; client++) {
            assertThat(statuses.get(client)).as("visits of " + customers.get(client)).hasSize(VISITS).containsOnly(201);
            assertThat(eventsOf(customers.get(client))).isEqualTo(1 + VISITS);
            assertThat(brokenLinkOf(customers.get(client))).isNull();
        }
        assertThat(failedCommands() - failedBefore)
                .as("commands of failed batches, sent again alone: more than the refused ones, or no batch held others")
                .isGreaterThan(VISITS);
    }

    private List<String> registered(Api api, int count, String name) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(api.post("/api/customers", "sales", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION",
                     "grade": "C", "ownerId": "rep-batch", "card": {"basic": {"name": "%s %d"}}}"""
                    .formatted(name, i)).json().get("customerId").asString());
        }
        return ids;
    }

    private static List<Integer> visits(Api api, String customer, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(api.post("/api/customers/" + customer + "/visits", "sales",
                    "{\"method\": \"PHONE\", \"notes\": \"call " + i + "\"}").status());
        }
        return statuses;
    }

    private long eventsOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", customer).query(Long.class).single();
    }

    /** The first sequence whose stored hash is not the hash of its content and its predecessor's; null if none. */
    private Long brokenLinkOf(String customer) {
        String previous = "";
        for (var row : jdbc.sql("SELECT sequence_number, event_identifier, payload_type, payload_revision, time_stamp, "
                        + "payload, meta_data FROM event_store.domain_event_entry WHERE aggregate_identifier = :id "
                        + "ORDER BY sequence_number")
                .param("id", customer)
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6), rs.getBytes(7)}).list()) {
            JsonNode metaData = EventHash.parse((byte[]) row[6]);
            String computed = EventHash.of(new EventHash.Link(customer, (Long) row[0], (String) row[1],
                    (String) row[2], (String) row[3], (String) row[4], EventHash.parse((byte[]) row[5]), metaData,
                    previous));
            if (!computed.equals(metaData.path(EventMetadata.HASH).asText())) {
                return (Long) row[0];
            }
            previous = computed;
        }
        return null;
    }

    private double batches() {
        return meters.get("archive.writes.batch.commands").summary().count();
    }

    private double batched() {
        return meters.get("archive.writes.batch.commands").summary().totalAmount();
    }

    private double failedCommands() {
        return meters.get("archive.writes.batch.failed.commands").counter().count();
    }
}
