package com.customerarchive.command.customer;

import com.customerarchive.testsupport.Api;
import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.SealingSnapshotSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A long history is stored with snapshots that rebuild the same customer the events do. */
class SnapshotTest extends PostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AggregateProperties properties;

    @Autowired
    @Qualifier("customerCache")
    Cache customerCache;

    @Autowired
    CustomerKeys keys;

    @Autowired
    @Qualifier("defaultAxonObjectMapper")
    ObjectMapper json;

    @Test
    void after_the_threshold_a_snapshot_holds_the_customer_as_its_events_built_it() {
        var api = new Api("http://localhost:" + port);
        String id = api.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "KEY", "source": "ON_SITE", "grade": "A",
                 "ownerId": "rep-1", "card": {"basic": {"name": "Frequent Visitor"}}}""").json().get("customerId").asString();
        String complaint = api.post("/api/customers/" + id + "/complaints", "sales",
                "{\"category\": \"OTHER\", \"severity\": \"LOW\", \"description\": \"noise\"}").json().get("complaintId").asString();
        api.post("/api/customers/" + id + "/complaints/" + complaint + "/assign", "sales", "{\"assignee\": \"rep-4\"}");
        int visits = properties.snapshotThreshold() + 5;
        for (int i = 0; i < visits; i++) {
            assertThat(api.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}").status()).isEqualTo(201);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Long.class).single() > 0);

        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(id).asStream().toList();
        assertThat(stream.get(0).getPayload()).isInstanceOf(Customer.class);
        var snapshot = (Customer) stream.get(0).getPayload();
        long coveredEvents = stream.get(0).getSequenceNumber() + 1;
        assertThat(snapshot).extracting("visitCount").isEqualTo((int) coveredEvents - 3);
        assertThat(snapshot).extracting("complaints").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).hasSize(1);
        assertThat(coveredEvents + stream.size() - 1).isEqualTo(visits + 3);
        var next = api.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"MAIL\"}");
        assertThat(next.json().get("visitNo").asInt()).isEqualTo(visits + 1);
    }

    @Test
    void a_snapshot_holds_no_readable_personal_data_loads_the_customer_while_its_key_exists_and_after_an_erasure_none_opens() {
        var api = new Api("http://localhost:" + port);
        String id = api.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "KEY", "source": "ON_SITE", "grade": "B",
                 "ownerId": "rep-1", "card": {"basic": {"name": "Snapshot Sealed", "phones": ["13900001111"],
                 "email": "sealed@example.cn"}}}""").json().get("customerId").asString();
        for (int i = 0; i <= properties.snapshotThreshold(); i++) {
            assertThat(api.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}").status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshots(id) > 0);

        String stored = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM event_store.snapshot_event_entry "
                + "WHERE aggregate_identifier = :id").param("id", id).query(String.class).list().get(0);
        assertThat(stored).contains("\"sealed\"").doesNotContain("Snapshot Sealed").doesNotContain("13900001111")
                .doesNotContain("sealed@example.cn");
        // sealed, it still loads the customer as its events built it
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(id).asStream().toList();
        assertThat(stream.get(0).getPayload()).isInstanceOf(Customer.class)
                .extracting("card").extracting("basic").extracting("name").isEqualTo("Snapshot Sealed");

        // a snapshot put in by hand, sealed with the customer's key, in which the customer has made 1000 visits: the
        // customer, no longer in memory, loads from it and not from its events (threshold + 1 visits)
        long last = stream.get(stream.size() - 1).getSequenceNumber();
        ObjectNode state = json.valueToTree(stream.get(0).getPayload());
        String handMade = sealed(state.put("visitCount", 1000));
        String metaData = jdbc.sql("SELECT convert_from(meta_data, 'UTF8') FROM event_store.snapshot_event_entry "
                + "WHERE aggregate_identifier = :id").param("id", id).query(String.class).list().get(0);
        jdbc.sql("DELETE FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id").param("id", id).update();
        putSnapshot(id, last, handMade, metaData);
        customerCache.remove(id);
        var loadedFromSnapshot = api.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}");
        assertThat(loadedFromSnapshot.status()).isEqualTo(201);
        assertThat(loadedFromSnapshot.json().get("visitNo").asInt()).isEqualTo(1001);

        var erased = api.call("DELETE", "/api/customers/" + id + "/personal-data", "admin",
                "{\"reason\": \"the customer asked to be forgotten\"}", null);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(snapshots(id)).isZero();
        // the same snapshot put back after the erasure does not open: the customer loads from its events alone
        putSnapshot(id, last, handMade, metaData);
        customerCache.remove(id);
        List<? extends DomainEventMessage<?>> afterErasure = eventStore.readEvents(id).asStream().toList();
        assertThat(afterErasure.get(0).getPayload()).isNotInstanceOf(Customer.class);
        assertThat(afterErasure).hasSize(properties.snapshotThreshold() + 4);
        var refused = api.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("rule").asString()).isEqualTo("personal-data-erased");
    }

    /** A customer's state sealed as command-side seals its snapshots: with the customer's key. */
    private String sealed(ObjectNode state) {
        byte[] sealed = new SealingSnapshotSerializer(json, keys).serialize(state, byte[].class).getData();
        return new String(sealed, StandardCharsets.UTF_8);
    }

    private void putSnapshot(String id, long sequence, String payload, String metaData) {
        jdbc.sql("INSERT INTO event_store.snapshot_event_entry (aggregate_identifier, sequence_number, type, "
                        + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                        + "VALUES (:id, :sequence, 'Customer', gen_random_uuid()::text, convert_to(:metaData, 'UTF8'), "
                        + "convert_to(:payload, 'UTF8'), :revision, :type, '2026-01-01T00:00:00Z')")
                .param("revision", CustomerSnapshots.REVISION).param("id", id).param("sequence", sequence).param("metaData", metaData).param("payload", payload)
                .param("type", Customer.class.getName()).update();
    }

    private long snapshots(String id) {
        return jdbc.sql("SELECT count(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Long.class).single();
    }
}
