package com.customerarchive.command.customer;

import com.customerarchive.testsupport.Api;
import com.customerarchive.command.support.PostgresTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

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
}
