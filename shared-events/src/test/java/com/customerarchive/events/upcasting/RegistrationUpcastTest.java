package com.customerarchive.events.upcasting;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.testsupport.StoredEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registration stored before review existed (revision 1, no admission, no code) reads as revision 2: approved,
 * without a code, until the admission migration codes it; a revision 2 registration is read as stored.
 */
class RegistrationUpcastTest {

    private static final String TYPE = CustomerRegisteredEvent.class.getName();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void a_revision_one_registration_reads_as_approved_without_a_code() throws Exception {
        String stored = StoredEvents.fixture("customer-registered-revision-1.json", "0b9d3c7e-1f2a-4c5d-8e6f-7a8b9c0d1e2f");

        assertThat(EventUpcasts.applies(TYPE, "1")).isTrue();
        assertThat(EventUpcasts.currentRevision(TYPE, "1")).isEqualTo("2");
        byte[] current = EventUpcasts.upcast(TYPE, "1", stored.getBytes(StandardCharsets.UTF_8));
        CustomerRegisteredEvent read = json.readValue(current, CustomerRegisteredEvent.class);

        assertThat(read.admission()).isEqualTo(AdmissionState.APPROVED);
        assertThat(read.code()).isNull();
        // the upcast writes the code field, null: revision 2's shape, not a field left out
        assertThat(json.readTree(current).has("code")).isTrue();
        assertThat(json.readTree(current).get("code").isNull()).isTrue();
        assertThat(read.ownerId()).isEqualTo("rep-old");
        assertThat(read.card().basic().legalName()).isEqualTo("Old Mining Co.");
    }

    @Test
    void a_revision_two_registration_is_read_as_stored() {
        byte[] stored = "{\"admission\":\"PENDING_REVIEW\",\"code\":null}".getBytes(StandardCharsets.UTF_8);

        assertThat(EventUpcasts.applies(TYPE, "2")).isFalse();
        assertThat(EventUpcasts.upcast(TYPE, "2", stored)).isSameAs(stored);
    }
}
