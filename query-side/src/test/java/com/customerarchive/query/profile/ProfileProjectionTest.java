package com.customerarchive.query.profile;

import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.support.BothAppsTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile read model's batches on the real read-model table. */
class ProfileProjectionTest extends BothAppsTest {

    @Autowired
    ProfileProjection projection;

    @Autowired
    ProfileRepository profiles;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final List<UUID> handled = new java.util.ArrayList<>();

    /** These profiles come from events that are not in the store: a replay would not rebuild them. */
    @org.junit.jupiter.api.AfterEach
    void removeProfilesWithoutEvents() {
        handled.forEach(id -> jdbc.sql("DELETE FROM profile WHERE customer_id = :id").param("id", id).update());
    }

    static CustomerRegisteredEvent registered(UUID id, String name, Grade grade) {
        var basic = new BasicSection(name, null, null, null, null, null, null, List.of(), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        return new CustomerRegisteredEvent(new CustomerId(id), CustomerKind.INDIVIDUAL, CustomerNature.INDIVIDUAL,
                CustomerTier.KEY, InformationSource.ON_SITE, grade, "rep-3",
                new ProfileCard(basic, List.of(), null, null, null));
    }

    static GenericDomainEventMessage<CustomerEvent> stored(CustomerEvent event, long sequence, String occurredAt,
                                                           Instant recorded) {
        MetaData metaData = occurredAt == null ? MetaData.emptyInstance() : MetaData.with("occurredAt", occurredAt);
        return new GenericDomainEventMessage<>("Customer", event.customerId().toString(), sequence, event, metaData,
                UUID.randomUUID().toString(), recorded);
    }

    /** One batch of the one pass, in its own transaction. */
    @SafeVarargs
    private void apply(GenericDomainEventMessage<CustomerEvent>... messages) {
        List<PassEvent> batch = java.util.Arrays.stream(messages).map(PassEvent::of).toList();
        transactions.executeWithoutResult(status -> {
            var writer = projection.writer(Tables.LIVE);
            writer.apply(batch);
            writer.flush();
        });
    }

    @Test
    void an_event_handled_twice_or_late_changes_nothing() {
        UUID id = UUID.randomUUID();
        handled.add(id);
        Instant recorded = Instant.parse("2026-03-01T08:00:00Z");
        var registration = stored(registered(id, "Gao Yan", Grade.A), 0, "2026-02-28T16:00:00Z", recorded);
        var upgrade = stored(new GradeChangedEvent(new CustomerId(id), Grade.A, Grade.B, "cooling"), 1,
                "2026-03-02T00:00:00Z", recorded.plusSeconds(60));

        apply(registration, upgrade);
        apply(upgrade);
        apply(registration, upgrade);

        ProfileState profile = profiles.find(id).orElseThrow();
        assertThat(profile.version()).isEqualTo(2);
        assertThat(profile.grade()).isEqualTo(Grade.B);
        assertThat(profile.registeredAt()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(profile.updatedAt()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void without_a_business_time_the_recording_time_counts() {
        UUID id = UUID.randomUUID();
        handled.add(id);
        Instant recorded = Instant.parse("2026-04-01T10:15:00Z");
        var registration = stored(registered(id, "Lu Xun Trading", Grade.C), 0, null, recorded);

        apply(registration);

        assertThat(profiles.find(id).orElseThrow().updatedAt()).isEqualTo(recorded);
    }
}
