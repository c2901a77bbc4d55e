package com.customerarchive.command.eventstore;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.testsupport.Api;
import com.customerarchive.testsupport.StoredEvents;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate is sourced from what command-side's own event store reads: a consent stored in revision 1 (one
 * {@code purpose}) reads as revision 2 ({@code purposes}); without the upcast it would be a consent to no purpose.
 */
class RevisionOneEventTest extends PostgresTest {

    /** Command-side's own event store, as the aggregate is sourced from it. */
    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void a_revision_one_consent_is_read_by_command_side_with_its_purpose_as_the_one_purpose() throws Exception {
        String id = new Api("http://localhost:" + port).post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-old", "card": {"basic": {"name": "Old Revision"}}}""").json().get("customerId").asString();
        assertThat(StoredEvents.append(jdbc, id, ConsentRecordedEvent.class.getName(), "1",
                StoredEvents.fixture("consent-recorded-revision-1.json", id))).isEqualTo(1);

        List<Object> read = eventStore.readEvents(id).asStream().map(Message::getPayload).map(Object.class::cast).toList();

        assertThat(read).hasSize(2).last()
                .isEqualTo(new ConsentRecordedEvent(CustomerId.of(id), true, List.of("newsletter")));
    }
}
