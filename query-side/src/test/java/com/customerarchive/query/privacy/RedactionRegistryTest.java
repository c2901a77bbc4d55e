package com.customerarchive.query.privacy;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.PersonalData;
import com.customerarchive.query.core.EventContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redaction fails closed: an event type the registry does not know has every value blanked, in an erasure, a field's
 * destruction and the feed's withholding alike, until it is registered with what of it is personal.
 */
class RedactionRegistryTest {

    /** An event type added after the registry was written: one personal part, the rest not. */
    record ParcelSentEvent(CustomerId customerId, @PersonalData String recipient, String carrier, int parcels,
                           List<String> labels) implements CustomerEvent {
    }

    private static final String PARCEL = """
            {"customerId": "7f1c0de0-0000-4000-8000-000000000001", "recipient": "Li Wei", "carrier": "SF Express",
             "parcels": 2, "labels": ["fragile", "Li Wei"], "sentOn": null}""";

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode tree(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void a_type_it_does_not_know_is_redacted_whole_until_it_is_registered() throws Exception {
        Redaction unregistered = new Redaction(json, RedactionRegistry.EVENTS);
        String whole = """
                {"customerId": "[erased]", "recipient": "[erased]", "carrier": "[erased]", "parcels": "[erased]",
                 "labels": ["[erased]", "[erased]"], "sentOn": null}""";
        assertThat(tree(unregistered.eventData("ParcelSent", PARCEL, Redaction.ERASED))).isEqualTo(tree(whole));
        // a field destroyed: where it lies in an unknown type is not known either
        assertThat(tree(unregistered.eventData("ParcelSent", PARCEL, Redaction.ERASED, "basic.email")))
                .isEqualTo(tree(whole));
        assertThat(tree(unregistered.eventData("ParcelSent", PARCEL, Redaction.WITHHELD)))
                .isEqualTo(tree(whole.replace("[erased]", "[withheld]")));

        Redaction registered = new Redaction(json, RedactionRegistry.EVENTS.personal("ParcelSent", ParcelSentEvent.class));
        assertThat(tree(registered.eventData("ParcelSent", PARCEL, Redaction.ERASED))).isEqualTo(tree("""
                {"customerId": "7f1c0de0-0000-4000-8000-000000000001", "recipient": "[erased]", "carrier": "SF Express",
                 "parcels": 2, "labels": ["fragile", "Li Wei"], "sentOn": null}"""));
    }

    @Test
    void a_known_type_has_its_personal_parts_blanked_and_a_type_with_none_is_left_as_it_is() throws Exception {
        Redaction redaction = new Redaction(json, RedactionRegistry.EVENTS);
        String visit = """
                {"customerId": "7f1c0de0-0000-4000-8000-000000000001", "visitNo": 3, "method": "PHONE",
                 "contact": {"name": "Li Wei", "role": "DECISION_MAKER"}, "notes": "price talk"}""";
        assertThat(tree(redaction.eventData("VisitRecorded", visit, Redaction.ERASED))).isEqualTo(tree("""
                {"customerId": "7f1c0de0-0000-4000-8000-000000000001", "visitNo": 3, "method": "PHONE",
                 "contact": {"name": "[erased]", "role": "DECISION_MAKER"}, "notes": "price talk"}"""));
        String grade = """
                {"customerId": "7f1c0de0-0000-4000-8000-000000000001", "from": "C", "to": "B", "reason": "ordered twice"}""";
        assertThat(redaction.eventData("GradeChanged", grade, Redaction.ERASED)).isEqualTo(grade);
    }

    @Test
    void every_event_of_the_published_language_is_registered_under_the_name_the_read_models_store() {
        List<Class<?>> events = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.customerarchive.events").stream()
                .filter(type -> type.isAssignableTo(CustomerEvent.class) && !type.isInterface())
                .map(JavaClass::reflect).toList();
        // 27, the six of review (approved, returned, resubmitted; a proposal made, approved, rejected) and the two of
        // duplicates (merged, a possible duplicate accepted), the five of the public pool (returned, claimed,
        // assigned, locked, unlocked) and the customer's team, the four of money after the sale (a shipment, a
        // collection, its reversal, a credit override), an outlet put on a route, a remark written and acknowledged
        assertThat(events).hasSize(48);
        Set<String> personal = Set.of("CustomerRegistered", "ProfileCardEdited", "VisitRecorded", "ReferrerRecorded",
                "ProfileChangeProposed");
        for (Class<?> event : events) {
            String name = EventContext.typeOf(event);
            RedactionRegistry.Known known = RedactionRegistry.EVENTS.find(name).orElseThrow(() ->
                    new AssertionError(name + " is not registered"));
            assertThat(known.type()).as(name).isEqualTo(event);
            assertThat(known.personal()).as(name).isEqualTo(personal.contains(name));
        }
    }

    @Test
    void a_type_registered_with_the_wrong_personal_parts_or_twice_is_refused() {
        assertThatThrownBy(() -> RedactionRegistry.EVENTS.nothingPersonal("ParcelSent", ParcelSentEvent.class))
                .hasMessage("ParcelSentEvent holds personal data");
        assertThatThrownBy(() -> RedactionRegistry.EVENTS.personal("Graded", GradeChangedEvent.class))
                .hasMessage("GradeChangedEvent holds nothing personal");
        assertThatThrownBy(() -> RedactionRegistry.EVENTS.personal("VisitRecorded", VisitRecordedEvent.class))
                .hasMessage("VisitRecorded is registered already");
    }
}
