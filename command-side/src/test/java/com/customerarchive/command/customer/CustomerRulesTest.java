package com.customerarchive.command.customer;

import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.Grade;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.VisitContact;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.ContactRole;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.card;
import static com.customerarchive.command.customer.CustomerFixtures.register;
import static com.customerarchive.command.customer.CustomerFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerRulesTest {

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static RuleViolationException violation(Rule rule) {
        return new RuleViolationException(rule);
    }


    @Test
    void registering_starts_the_stream_with_everything_the_rep_entered() {
        fixture.givenNoPriorActivity()
                .when(register())
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(1L)
                .expectEvents(registered());
    }

    @Test
    void the_same_registration_again_writes_nothing_and_answers_version_one() {
        fixture.given(registered())
                .when(register())
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void another_registration_with_a_used_customer_id_is_refused() {
        var other = register();
        fixture.given(registered())
                .when(new RegisterCustomerCommand(other.customerId(), other.kind(), other.nature(), other.tier(),
                        other.source(), Grade.E, other.ownerId(), other.card()))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(violation(Rule.CUSTOMER_ID_TAKEN).getMessage());
    }

    @Test
    void a_card_edit_records_each_changed_field_with_its_old_and_new_value_and_the_card_it_leaves() {
        Map<String, Object> basic = new LinkedHashMap<>();
        basic.put("email", "sales@tea.example");
        basic.put("address", Map.of("city", "Ningbo"));
        fixture.given(registered())
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", basic))))
                .expectEvents(new ProfileCardEditedEvent(ID, List.of(
                        new FieldChange("basic.address.city", "Hangzhou", "Ningbo"),
                        new FieldChange("basic.email", "office@tea.example", "sales@tea.example")),
                        card("Hangzhou Tea Co.", "Ningbo", "sales@tea.example")))
                .expectResultMessagePayload(new CardEdit(2, List.of("basic.address.city", "basic.email")));
    }

    @Test
    void null_in_a_card_edit_clears_the_field() {
        Map<String, Object> basic = new LinkedHashMap<>();
        basic.put("email", null);
        fixture.given(registered())
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", basic))))
                .expectEvents(new ProfileCardEditedEvent(ID,
                        List.of(new FieldChange("basic.email", "office@tea.example", null)),
                        card("Hangzhou Tea Co.", "Hangzhou", null)));
    }

    @Test
    void a_card_edit_that_changes_nothing_writes_no_event() {
        fixture.given(registered())
                .when(new EditProfileCardCommand(ID, null,
                        new CardPatch(Map.of("basic", Map.of("email", "office@tea.example")))))
                .expectNoEvents()
                .expectResultMessagePayload(new CardEdit(1, List.of()));
    }

    @Test
    void a_destroyed_field_is_recorded_with_its_reason_and_the_card_goes_on_without_it() {
        Map<String, Object> basic = new LinkedHashMap<>();
        basic.put("email", "new@tea.example");
        fixture.given(registered(), new PersonalDataFieldDestroyedEvent(ID, "basic.email", "outdated"))
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", basic))))
                .expectEvents(new ProfileCardEditedEvent(ID,
                        List.of(new FieldChange("basic.email", null, "new@tea.example")),
                        card("Hangzhou Tea Co.", "Hangzhou", "new@tea.example")));
        fixture.given(registered())
                .when(new DestroyPersonalFieldCommand(ID, null, "basic.email", "outdated address book entry"))
                .expectEvents(new PersonalDataFieldDestroyedEvent(ID, "basic.email", "outdated address book entry"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void a_field_is_destroyed_only_with_a_reason_and_never_after_the_erasure() {
        fixture.given(registered())
                .when(new DestroyPersonalFieldCommand(ID, null, "basic.email", " "))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
        fixture.given(registered(), new PersonalDataErasedEvent(ID, "asked"))
                .when(new DestroyPersonalFieldCommand(ID, null, "basic.email", "outdated"))
                .expectNoEvents()
                .expectException(breaks(Rule.PERSONAL_DATA_ERASED));
    }

    @Test
    void a_grade_change_records_from_to_and_reason() {
        fixture.given(registered())
                .when(new ChangeGradeCommand(ID, null, Grade.A, "budget approved"))
                .expectEvents(new GradeChangedEvent(ID, Grade.B, Grade.A, "budget approved"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void a_grade_change_to_the_same_grade_is_refused() {
        fixture.given(registered())
                .when(new ChangeGradeCommand(ID, null, Grade.B, "no news"))
                .expectNoEvents()
                .expectException(breaks(Rule.SAME_GRADE));
    }

    @Test
    void a_grade_change_without_a_reason_is_refused() {
        fixture.given(registered())
                .when(new ChangeGradeCommand(ID, null, Grade.A, "  "))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
    }

    @Test
    void visits_are_numbered_per_customer_and_record_the_grade_at_that_moment() {
        var when = Instant.parse("2026-11-20T09:00:00Z");
        var contact = new VisitContact("Li Lei", ContactRole.DECISION_MAKER);
        fixture.given(registered(),
                        new VisitRecordedEvent(ID, 1, when.minusSeconds(86_400), VisitMethod.PHONE, contact, Grade.B,
                                null, null, null),
                        new GradeChangedEvent(ID, Grade.B, Grade.A, "ready to sign"))
                .when(new RecordVisitCommand(ID, null, when, VisitMethod.ON_SITE_VISIT, contact, "tasting",
                        "order next week", LocalDate.parse("2026-11-27")))
                .expectEvents(new VisitRecordedEvent(ID, 2, when, VisitMethod.ON_SITE_VISIT, contact, Grade.A,
                        "tasting", "order next week", LocalDate.parse("2026-11-27")))
                .expectResultMessagePayload(new RecordedVisit(2, 4));
    }

    @Test
    void a_transfer_records_the_previous_and_the_new_owner_and_why() {
        fixture.given(registered())
                .when(new TransferOwnerCommand(ID, null, "rep-2", "rep-1 left the company"))
                .expectEvents(new OwnerTransferredEvent(ID, "rep-1", "rep-2", "rep-1 left the company"));
    }

    @Test
    void a_transfer_to_the_current_owner_is_refused() {
        fixture.given(registered())
                .when(new TransferOwnerCommand(ID, null, "rep-1", "no change"))
                .expectNoEvents()
                .expectException(breaks(Rule.SAME_OWNER));
    }

    @Test
    void a_transfer_without_a_reason_is_refused() {
        fixture.given(registered())
                .when(new TransferOwnerCommand(ID, null, "rep-2", null))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
    }

    @Test
    void archiving_needs_a_reason() {
        fixture.given(registered())
                .when(new ArchiveCustomerCommand(ID, null, ""))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
    }

    @Test
    void an_archived_customer_refuses_every_change_but_reactivation() {
        var archived = new CustomerArchivedEvent(ID, "no business for two years");
        List<Object> changes = List.of(
                new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", Map.of("email", "x@y.example")))),
                new ChangeGradeCommand(ID, null, Grade.A, "revived"),
                new RecordVisitCommand(ID, null, Instant.parse("2026-11-20T09:00:00Z"), VisitMethod.PHONE, null,
                        null, null, null),
                new FileComplaintCommand(ID, null, CustomerFixtures.COMPLAINT,
                        com.customerarchive.events.ComplaintCategory.BILLING,
                        com.customerarchive.events.ComplaintSeverity.LOW, "wrong invoice", null),
                new TransferOwnerCommand(ID, null, "rep-2", "reorganisation"),
                new ArchiveCustomerCommand(ID, null, "again"),
                new RecordConsentCommand(ID, null, true, "marketing"));
        for (Object change : changes) {
            fixture.given(registered(), archived)
                    .when(change)
                    .expectNoEvents()
                    .expectException(breaks(Rule.CUSTOMER_ARCHIVED));
        }
    }

    @Test
    void an_archived_customer_can_be_reactivated_with_a_reason() {
        fixture.given(registered(), new CustomerArchivedEvent(ID, "dormant"))
                .when(new ReactivateCustomerCommand(ID, null, "new tender"))
                .expectEvents(new CustomerReactivatedEvent(ID, "new tender"))
                .expectResultMessagePayload(3L);
    }

    @Test
    void only_an_archived_customer_can_be_reactivated() {
        fixture.given(registered())
                .when(new ReactivateCustomerCommand(ID, null, "why not"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_NOT_ARCHIVED));
    }

    @Test
    void consent_is_recorded_granted_or_withdrawn_with_its_purpose() {
        fixture.given(registered())
                .when(new RecordConsentCommand(ID, null, false, "marketing"))
                .expectEvents(new ConsentRecordedEvent(ID, false, List.of("marketing")));
    }

    @Test
    void a_change_sent_against_an_older_version_is_refused() {
        fixture.given(registered(), new GradeChangedEvent(ID, Grade.B, Grade.C, "budget cut"))
                .when(new ChangeGradeCommand(ID, 0L, Grade.A, "based on version 1"))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void the_card_edit_diff_treats_absent_null_and_empty_alike() {
        var before = card("A", "Hangzhou", null);
        var after = CardChanges.merge(before, new CardPatch(Map.of("basic", Map.of("phones", List.of()))));
        assertThat(CardChanges.between(before, after)).isEmpty();
    }

    private static final String PASTORAL = "宗教关怀服务";

    private static EditProfileCardCommand religion(String religion, String purpose) {
        Map<String, Object> basic = new LinkedHashMap<>();
        basic.put("religion", religion);
        return new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", basic)), java.util.Set.of(), null,
                purpose);
    }

    @Test
    void religion_is_not_stored_without_a_configured_purpose_the_customer_consented_to() {
        // none configured: refused even with consents
        fixture.given(registered(), new ConsentRecordedEvent(ID, true, List.of(PASTORAL)))
                .when(religion("佛教", null))
                .expectNoEvents()
                .expectException(breaks(Rule.RELIGION_NOT_STORED));
        // configured, but the customer consented to something else only
        fixture.given(registered(), new ConsentRecordedEvent(ID, true, List.of("营销")))
                .when(religion("佛教", PASTORAL))
                .expectNoEvents()
                .expectException(breaks(Rule.RELIGION_NOT_STORED));
        // consented, then withdrawn
        fixture.given(registered(), new ConsentRecordedEvent(ID, true, List.of(PASTORAL)),
                        new ConsentRecordedEvent(ID, false, List.of(PASTORAL)))
                .when(religion("佛教", PASTORAL))
                .expectNoEvents()
                .expectException(breaks(Rule.RELIGION_NOT_STORED));
        // consented to that purpose: kept
        fixture.given(registered(), new ConsentRecordedEvent(ID, true, List.of(PASTORAL)))
                .when(religion("佛教", PASTORAL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new CardEdit(3, List.of("basic.religion")));
        // a stored religion is cleared whatever the consents: after the consent was withdrawn too
        var stored = new com.customerarchive.events.ProfileCard(new com.customerarchive.events.BasicSection(
                "Hangzhou Tea Co.", null, null, null, null, null, new com.customerarchive.events.Address("Zhejiang",
                "Hangzhou", null, null, null), List.of(), "office@tea.example", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, "佛教"), List.of(), null, null, null);
        fixture.given(registered(), new ConsentRecordedEvent(ID, true, List.of(PASTORAL)),
                        new ProfileCardEditedEvent(ID, List.of(new FieldChange("basic.religion", null, "佛教")), stored),
                        new ConsentRecordedEvent(ID, false, List.of(PASTORAL)))
                .when(religion(null, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new CardEdit(5, List.of("basic.religion")));
    }

    @Test
    void a_registration_never_carries_a_religion_and_an_individual_keeps_its_account_as_personal_data() {
        var plain = register();
        var withReligion = new com.customerarchive.events.ProfileCard(new com.customerarchive.events.BasicSection(
                "Hangzhou Tea Co.", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, "道教"), null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomerCommand(ID, plain.kind(), plain.nature(), plain.tier(), plain.source(),
                        plain.grade(), plain.ownerId(), withReligion))
                .expectNoEvents()
                .expectException(breaks(Rule.RELIGION_NOT_STORED));

        var account = Map.of("bank", "中国银行杭州分行", "accountNumber", "6216 6100 0001 2345 678");
        var individual = new RegisterCustomerCommand(ID, com.customerarchive.events.CustomerKind.INDIVIDUAL,
                com.customerarchive.events.CustomerNature.INDIVIDUAL, plain.tier(), plain.source(), plain.grade(),
                plain.ownerId(), card("Wang Fang", "Hangzhou", null));
        var registeredIndividual = new com.customerarchive.events.CustomerRegisteredEvent(ID, individual.kind(),
                individual.nature(), individual.tier(), individual.source(), individual.grade(), individual.ownerId(),
                individual.card());
        fixture.given(registeredIndividual)
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", Map.of("bank", account)))))
                .expectNoEvents()
                .expectException(breaks(Rule.PERSONAL_BANK_ACCOUNT));
        fixture.given(registeredIndividual)
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", Map.of("personalBank", account)))))
                .expectResultMessagePayload(new CardEdit(2, List.of("basic.personalBank.accountNumber",
                        "basic.personalBank.bank")));
        // an organisation's account is not personal
        fixture.given(registered())
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", Map.of("bank", account)))))
                .expectResultMessagePayload(new CardEdit(2, List.of("basic.bank.accountNumber", "basic.bank.bank")));
    }
}
