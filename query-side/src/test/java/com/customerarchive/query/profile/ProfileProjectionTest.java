package com.customerarchive.query.profile;

import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.query.support.BothAppsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile projection's handlers on the real read-model tables. */
class ProfileProjectionTest extends BothAppsTest {

    @Autowired
    ProfileProjection projection;

    @Autowired
    ProfileRepository profiles;

    static CustomerRegisteredEvent registered(UUID id, String name, Grade grade) {
        var basic = new BasicSection(name, null, null, null, null, null, null, List.of(), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        return new CustomerRegisteredEvent(new CustomerId(id), CustomerKind.INDIVIDUAL, CustomerNature.INDIVIDUAL,
                CustomerTier.KEY, InformationSource.ON_SITE, grade, "rep-3",
                new ProfileCard(basic, List.of(), null, null, null));
    }

    @Test
    void a_registration_handled_twice_leaves_one_unchanged_profile() {
        UUID id = UUID.randomUUID();
        Instant recorded = Instant.parse("2026-03-01T08:00:00Z");

        projection.on(registered(id, "Gao Yan", Grade.A), 0, "2026-02-28T16:00:00Z", recorded);
        projection.on(registered(id, "Someone Else", Grade.E), 0, null, recorded.plusSeconds(60));

        ProfileView profile = profiles.find(id).orElseThrow();
        assertThat(profile.card().basic().name()).isEqualTo("Gao Yan");
        assertThat(profile.grade()).isEqualTo(Grade.A);
        assertThat(profile.version()).isEqualTo(1);
        assertThat(profile.updatedAt()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    }

    @Test
    void without_a_business_time_the_recording_time_counts() {
        UUID id = UUID.randomUUID();
        Instant recorded = Instant.parse("2026-04-01T10:15:00Z");

        projection.on(registered(id, "Lu Xun Trading", Grade.C), 0, null, recorded);

        assertThat(profiles.find(id).orElseThrow().updatedAt()).isEqualTo(recorded);
    }
}
