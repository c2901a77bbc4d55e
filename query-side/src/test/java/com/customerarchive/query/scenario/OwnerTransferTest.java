package com.customerarchive.query.scenario;

import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.pass.OnePass;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer moved from one rep to another (in 2017, apart from the other tests' data): what the reps did counts for
 * the owner of its time, while complaints, follow-ups and the agenda belong to the owner of today, kept in one place;
 * a rebuild keeps both, and so does a writer that has to look the owner of a past event up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnerTransferTest extends BothAppsTest {

    private static final String YEAR_2017 = "from=2017-01-01T00:00:00Z&to=2018-01-01T00:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OnePass pass;

    @Autowired
    TransactionTemplate transactions;

    final String first = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    final String second = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    String id;
    long version;

    @BeforeAll
    void moveACustomerFromOneRepToAnother() {
        var commands = new Api(COMMAND_SIDE.baseUrl());
        id = write(commands.post("/api/customers", "sales", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EXHIBITION", "grade": "B",
                 "ownerId": "%s", "occurredAt": "2017-03-01T09:00:00Z", "card": {"basic": {"name": "Transfer Looms"}}}"""
                .formatted(first))).get("customerId").asString();
        String c = "/api/customers/" + id;
        write(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2017-03-02T09:00:00Z\", \"method\": \"ON_SITE_VISIT\"}"));
        String complaint = c + "/complaints/" + write(commands.post(c + "/complaints", "sales",
                "{\"category\": \"DELIVERY\", \"severity\": \"HIGH\", \"description\": \"late\", \"occurredAt\": \"2017-03-03T09:00:00Z\"}"))
                .get("complaintId").asString();
        write(commands.put(c + "/owner", "manager",
                "{\"ownerId\": \"%s\", \"reason\": \"territory\", \"occurredAt\": \"2017-03-04T09:00:00Z\"}".formatted(second)));
        write(commands.post(c + "/visits", "sales", "{\"occurredAt\": \"2017-03-05T09:00:00Z\", \"method\": \"PHONE\"}"));
        write(commands.post(complaint + "/assign", "manager", "{\"assignee\": \"rep-z\", \"occurredAt\": \"2017-03-06T09:00:00Z\"}"));
        write(commands.post(complaint + "/resolve", "sales",
                "{\"resolution\": \"re-sent\", \"responsibility\": \"OURS\", \"occurredAt\": \"2017-03-07T09:00:00Z\"}"));
        assertThat(version).isEqualTo(7);
    }

    @Test
    @Order(1)
    void the_activity_counts_for_the_owner_of_its_time_and_the_rest_follows_the_owner_of_today() {
        assertEachRepSeesWhatIsTheirs("live");
    }

    @Test
    @Order(2)
    void a_rebuild_counts_the_same_for_each_rep() {
        UUID customer = UUID.fromString(id);
        for (String table : List.of("report_fact", "complaint", "follow_up")) {
            // only a real rebuild from the events brings these rows back
            assertThat(jdbc.sql("DELETE FROM " + table + " WHERE customer_id = :id").param("id", customer).update())
                    .as(table).isPositive();
        }
        var admin = queries();
        for (String model : List.of("report-facts", "complaints", "follow-ups")) {
            assertThat(admin.post("/api/admin/projections/" + model + "/replay", "admin").status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                StreamSupport.stream(admin.get("/api/admin/projections", "admin").json().spliterator(), false)
                        .noneMatch(status -> status.get("replaying").asBoolean() || status.get("lag").asLong() > 0));

        assertEachRepSeesWhatIsTheirs("rebuilt");
    }

    private void assertEachRepSeesWhatIsTheirs(String when) {
        // the one pass writes every read model a customer's version is in at once: the profile's says for all
        assertThat(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries().get("/api/profiles/" + id + "?minVersion=" + version, "manager").status(),
                        status -> status != 503)).isEqualTo(200);
        JsonNode before = single(read("/api/reports/activity?" + YEAR_2017 + "&ownerId=" + first).get("owners"));
        assertThat(before.get("visits").asLong()).as(when).isEqualTo(1);
        assertThat(before.at("/visitsByMethod/ON_SITE_VISIT").asLong()).as(when).isEqualTo(1);
        assertThat(before.get("complaintsFiled").asLong()).as(when).isEqualTo(1);
        assertThat(before.get("complaintsResolved").asLong()).as(when).isZero();
        JsonNode after = single(read("/api/reports/activity?" + YEAR_2017 + "&ownerId=" + second).get("owners"));
        assertThat(after.get("visits").asLong()).as(when).isEqualTo(1);
        assertThat(after.at("/visitsByMethod/PHONE").asLong()).as(when).isEqualTo(1);
        assertThat(after.get("complaintsFiled").asLong()).as(when).isZero();
        assertThat(after.get("complaintsResolved").asLong()).as(when).isEqualTo(1);

        // the complaint filed under the first rep is the second's now, and so is the customer's schedule
        assertThat(read("/api/complaints?ownerId=" + first)).as(when).isEmpty();
        JsonNode complaint = single(read("/api/complaints?ownerId=" + second));
        assertThat(complaint.get("customerId").asString()).isEqualTo(id);
        assertThat(complaint.get("ownerId").asString()).as(when).isEqualTo(second);
        assertThat(read("/api/follow-ups/overdue?ownerId=" + first + "&asOf=2017-06-01T00:00:00Z")).as(when).isEmpty();
        JsonNode overdue = single(read("/api/follow-ups/overdue?ownerId=" + second + "&asOf=2017-06-01T00:00:00Z"));
        assertThat(overdue.get("customerId").asString()).isEqualTo(id);
        assertThat(overdue.get("ownerId").asString()).as(when).isEqualTo(second);
        assertThat(read("/api/agenda?ownerId=" + first)).as(when).isEmpty();
        assertThat(StreamSupport.stream(read("/api/agenda?ownerId=" + second).spliterator(), false)
                .map(item -> item.get("kind").asString() + " " + item.get("customerId").asString()))
                .as(when).contains("OVERDUE " + id, "RETURN_VISIT_DUE " + id);
        // the report counts each step for the owner when it happened: filed under the first rep, resolved under the second
        JsonNode byOwner = read("/api/reports/complaints?by=owner&" + YEAR_2017);
        assertThat(StreamSupport.stream(byOwner.spliterator(), false)
                .filter(row -> row.get("key").asString().equals(first) || row.get("key").asString().equals(second))
                .map(row -> row.get("key").asString() + " filed " + row.get("filed").asLong() + " resolved "
                        + row.get("resolved").asLong()))
                .as(when).containsExactlyInAnyOrder(first + " filed 1 resolved 0", second + " filed 0 resolved 1");
    }

    private JsonNode read(String path) {
        var response = queries().get(path, "manager");
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.json();
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.size()).as(array.toString()).isEqualTo(1);
        return array.get(0);
    }

    private JsonNode write(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isBetween(200, 201);
        version = response.json().get("version").asLong();
        return response.json();
    }

    private Api queries() {
        return new Api("http://localhost:" + port);
    }

    private static PassEvent stored(CustomerEvent event, long sequence, String occurredAt) {
        return PassEvent.of(new GenericDomainEventMessage<>("Customer", event.customerId().toString(), sequence, event,
                MetaData.with("occurredAt", occurredAt), UUID.randomUUID().toString(), Instant.parse(occurredAt)));
    }
}
