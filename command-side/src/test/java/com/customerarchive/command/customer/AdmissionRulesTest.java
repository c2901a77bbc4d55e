package com.customerarchive.command.customer;

import com.customerarchive.events.Address;
import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.ComplaintCategory;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.Contact;
import com.customerarchive.events.ContactRole;
import com.customerarchive.events.CustomerApprovedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerResubmittedEvent;
import com.customerarchive.events.CustomerReturnedEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.MembershipTier;
import com.customerarchive.events.PaymentSection;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.ProfileChangeApprovedEvent;
import com.customerarchive.events.ProfileChangeProposedEvent;
import com.customerarchive.events.ProfileChangeRejectedEvent;
import com.customerarchive.events.ReturnReason;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.VisitRecordedEvent;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;

/** The rules of review (审核 · 签字 · 编码管理): one fixture test per rule. */
class AdmissionRulesTest {

    private static final String DAY = "2026-03-02";
    private static final String AT = "2026-03-02T09:00:00Z";
    private static final String PROPOSAL = "9c1d7e0a-3f55-4d0b-8a7e-5f2c1b9d0e11";
    private static final Set<String> SIGNED = AdmissionPolicy.DEFAULT_SIGNED;

    private AggregateTestFixture<Customer> fixture;
    /** The codes the fake sequence handed out, in order. */
    private final List<String> handedOut = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource((CustomerCodes) (customerId, card, day) -> {
            String code = "ZJ" + day.getYear() + String.format("%05d", handedOut.size() + 42);
            handedOut.add(code);
            return code;
        });
    }


    private static Map<String, Object> by(String actor) {
        return Map.of(EventMetadata.ACTOR, actor, EventMetadata.BUSINESS_DAY, DAY, EventMetadata.OCCURRED_AT, AT);
    }

    private static GenericEventMessage<Object> as(String actor, Object event) {
        return new GenericEventMessage<>(event, MetaData.with(EventMetadata.ACTOR, actor));
    }

    /** An organisation's card with every field review asks for: a landline with its area code, industry, a contact. */
    static ProfileCard complete() {
        return new ProfileCard(new BasicSection("杭州龙井茶业有限公司", null, null, null, null, null,
                new Address("浙江", "杭州", "西湖区", null, null), List.of("0571-87654321"), null, null, null,
                "杭州龙井茶业有限公司", "龙井茶业", "王建国", null, null, null, "tea", null, null, "91330100MA2B3C4D5E",
                "330100123456789"), List.of(new Contact("李娜", ContactRole.DECISION_MAKER, "buyer", null, null)),
                null, new PaymentSection("A", "NET_30", new BigDecimal("50000")), null);
    }

    private static CustomerRegisteredEvent pending(ProfileCard card) {
        return new CustomerRegisteredEvent(ID, CustomerKind.ORGANIZATION, CustomerNature.COMPANY, CustomerTier.KEY,
                InformationSource.REFERRAL, Grade.B, "rep-1", card, AdmissionState.PENDING_REVIEW, null);
    }

    private static CustomerApprovedEvent approved() {
        return new CustomerApprovedEvent(ID, "ZJ202600042", "complete", false);
    }

    @Test
    void a_registration_with_review_on_waits_for_review_without_a_code() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomerCommand(ID, CustomerKind.ORGANIZATION, CustomerNature.COMPANY,
                        CustomerTier.KEY, InformationSource.REFERRAL, Grade.B, "rep-1", complete(), null,
                        AdmissionState.PENDING_REVIEW, "ZJ202600001"), by("rep-1"))
                .expectEvents(pending(complete()))
                .expectResultMessagePayload(1L);
    }

    @Test
    void with_review_off_a_registration_is_approved_under_the_code_it_was_given() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomerCommand(ID, CustomerKind.ORGANIZATION, CustomerNature.COMPANY,
                        CustomerTier.KEY, InformationSource.REFERRAL, Grade.B, "rep-1", complete(), null,
                        AdmissionState.APPROVED, "ZJ202600001"), by("rep-1"))
                .expectEvents(new CustomerRegisteredEvent(ID, CustomerKind.ORGANIZATION, CustomerNature.COMPANY,
                        CustomerTier.KEY, InformationSource.REFERRAL, Grade.B, "rep-1", complete(),
                        AdmissionState.APPROVED, "ZJ202600001"));
    }

    @Test
    void a_manager_other_than_the_author_approves_and_the_customer_gets_its_code() {
        fixture.given(as("rep-1", pending(complete())))
                .when(new ApproveCustomerCommand(ID, null, "complete", AdmissionPolicy.DEFAULT_REQUIRED), by("manager"))
                .expectEvents(approved())
                .expectResultMessagePayload(new Approval("ZJ202600042", 2));
    }

    @Test
    void the_registrant_may_not_approve_its_own_card() {
        fixture.given(as("manager", pending(complete())))
                .when(new ApproveCustomerCommand(ID, null, null, AdmissionPolicy.DEFAULT_REQUIRED), by("manager"))
                .expectNoEvents()
                .expectException(breaks(Rule.REVIEWER_IS_AUTHOR));
    }

    @Test
    void the_last_editor_of_the_card_may_not_review_it() {
        ProfileCard before = complete();
        ProfileCard after = CardChanges.with(before, List.of(new FieldChange("basic.website", null, "www.longjing.example")));
        fixture.given(as("rep-1", pending(before)),
                        as("boss", new ProfileCardEditedEvent(ID, CardChanges.between(before, after), after)))
                .when(new ReturnCustomerCommand(ID, null, List.of(new ReturnReason("basic.name", "typo"))), by("boss"))
                .expectNoEvents()
                .expectException(breaks(Rule.REVIEWER_IS_AUTHOR));
    }

    @Test
    void approval_refuses_naming_every_missing_required_field_and_takes_no_code() {
        ProfileCard sparse = new ProfileCard(new BasicSection("无名公司", null, null, null, null, null,
                new Address("浙江", null, null, null, null), List.of("13800138000"), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null), List.of(), null, null, null);
        fixture.given(as("rep-1", pending(sparse)))
                .when(new ApproveCustomerCommand(ID, null, null, AdmissionPolicy.DEFAULT_REQUIRED), by("manager"))
                .expectNoEvents()
                .expectException(Matchers.predicate((RuleViolationException ex) -> ex.rule() == Rule.REQUIRED_FIELDS_MISSING
                        && ex.fields().equals(List.of("basic.address.city", "basic.phones", "basic.industry", "contacts"))));
        org.assertj.core.api.Assertions.assertThat(handedOut).isEmpty();
    }

    @Test
    void an_individual_is_asked_neither_industry_nor_contacts() {
        ProfileCard person = new ProfileCard(new BasicSection("张伟", null, null, null, null, null,
                new Address("Zhejiang", "Ningbo", null, null, null), List.of("+86 574 8765 4321"), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null), List.of(), null, null, null);
        fixture.given(as("rep-1", new CustomerRegisteredEvent(ID, CustomerKind.INDIVIDUAL, CustomerNature.INDIVIDUAL,
                        CustomerTier.REGULAR, InformationSource.WEBSITE, Grade.C, "rep-1", person,
                        AdmissionState.PENDING_REVIEW, null)))
                .when(new ApproveCustomerCommand(ID, null, null, AdmissionPolicy.DEFAULT_REQUIRED), by("manager"))
                .expectEvents(new CustomerApprovedEvent(ID, "ZJ202600042", null, false));
    }

    @Test
    void a_phone_with_area_code_is_a_landline_written_with_it_and_a_mobile_is_not() {
        org.assertj.core.api.Assertions.assertThat(List.of("0571-87654321", "010 1234 5678", "+86 574 8765 4321",
                "0086-10-12345678")).allMatch(AdmissionPolicy::hasAreaCode);
        org.assertj.core.api.Assertions.assertThat(List.of("87654321", "13800138000", "+86 138 0013 8000", "0571"))
                .noneMatch(AdmissionPolicy::hasAreaCode);
    }

    @Test
    void a_card_is_returned_with_reasons_per_field_and_not_without() {
        fixture.given(as("rep-1", pending(complete())))
                .when(new ReturnCustomerCommand(ID, null, List.of()), by("manager"))
                .expectNoEvents()
                .expectException(breaks(Rule.RETURN_REASONS_REQUIRED));
        fixture.given(as("rep-1", pending(complete())))
                .when(new ReturnCustomerCommand(ID, null, List.of(new ReturnReason("basic.address.street",
                        "street missing"))), by("manager"))
                .expectEvents(new CustomerReturnedEvent(ID, List.of(new ReturnReason("basic.address.street",
                        "street missing"))));
    }

    @Test
    void a_returned_card_is_approved_only_after_its_rep_resubmits_it() {
        var returned = new CustomerReturnedEvent(ID, List.of(new ReturnReason("basic.name", "full legal name")));
        fixture.given(as("rep-1", pending(complete())), as("manager", returned))
                .when(new ApproveCustomerCommand(ID, null, null, AdmissionPolicy.DEFAULT_REQUIRED), by("manager"))
                .expectNoEvents()
                .expectException(breaks(Rule.NOT_PENDING_REVIEW));
        fixture.given(as("rep-1", pending(complete())), as("manager", returned))
                .when(new ResubmitCustomerCommand(ID, null, "name corrected"), by("rep-1"))
                .expectEvents(new CustomerResubmittedEvent(ID, "name corrected"));
        fixture.given(as("rep-1", pending(complete())))
                .when(new ResubmitCustomerCommand(ID, null, null), by("rep-1"))
                .expectNoEvents()
                .expectException(breaks(Rule.NOT_RETURNED));
    }

    @Test
    void an_approved_card_is_not_approved_again() {
        fixture.given(as("rep-1", pending(complete())), as("manager", approved()))
                .when(new ApproveCustomerCommand(ID, null, null, AdmissionPolicy.DEFAULT_REQUIRED), by("other"))
                .expectNoEvents()
                .expectException(breaks(Rule.NOT_PENDING_REVIEW));
    }

    @Test
    void purchases_membership_cards_and_referrals_wait_for_approval() {
        fixture.given(as("rep-1", pending(complete())))
                .when(new RecordPurchaseCommand(ID, null, "SO-1", "tea", BigDecimal.ONE, new BigDecimal("10"), "CNY",
                        null), by("rep-1"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_NOT_APPROVED));
        fixture.given(as("rep-1", pending(complete())),
                        as("manager", new CustomerReturnedEvent(ID, List.of(new ReturnReason("basic.name", "x")))))
                .when(new IssueMembershipCardCommand(ID, null, "8886000000000017", MembershipTier.GOLD,
                        LocalDate.parse("2027-03-01"), new BigDecimal("100"), true), by("rep-1"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_NOT_APPROVED));
        fixture.given(as("rep-1", pending(complete())))
                .when(new RecordReferrerCommand(ID, null, new CustomerId(UUID.fromString(PROPOSAL)), "met at a fair"),
                        by("rep-1"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_NOT_APPROVED));
    }

    @Test
    void visits_and_complaints_are_recorded_while_the_card_waits() {
        Instant visitedAt = Instant.parse(AT);
        fixture.given(as("rep-1", pending(complete())))
                .when(new RecordVisitCommand(ID, null, visitedAt, VisitMethod.PHONE, null, "first call", "interested",
                        null), by("rep-1"))
                .expectEvents(new VisitRecordedEvent(ID, 1, visitedAt, VisitMethod.PHONE, null, Grade.B, "first call",
                        "interested", null));
        fixture.given(as("rep-1", pending(complete())))
                .when(new FileComplaintCommand(ID, null, CustomerFixtures.COMPLAINT, ComplaintCategory.DELIVERY,
                        ComplaintSeverity.LOW, "late sample", "phone"), by("rep-1"))
                .expectEvents(new ComplaintFiledEvent(ID, CustomerFixtures.COMPLAINT, ComplaintCategory.DELIVERY,
                        ComplaintSeverity.LOW, "late sample", "phone"));
    }

    @Test
    void after_approval_a_signed_field_change_is_proposed_and_the_others_change_at_once() {
        ProfileCard before = complete();
        ProfileCard emailOnly = CardChanges.with(before, List.of(new FieldChange("basic.email", null, "tea@example.cn")));
        fixture.given(as("rep-1", pending(before)), as("manager", approved()))
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", Map.of(
                        "email", "tea@example.cn", "taxNumber", "330100999999999"))), SIGNED, PROPOSAL), by("rep-1"))
                .expectEvents(new ProfileCardEditedEvent(ID, List.of(new FieldChange("basic.email", null,
                                "tea@example.cn")), emailOnly),
                        new ProfileChangeProposedEvent(ID, PROPOSAL, List.of(new FieldChange("basic.taxNumber",
                                "330100123456789", "330100999999999"))))
                .expectResultMessagePayload(new CardEdit(4, List.of("basic.email"), PROPOSAL, List.of("basic.taxNumber")));
    }

    @Test
    void before_approval_a_signed_field_changes_at_once() {
        ProfileCard before = complete();
        ProfileCard after = CardChanges.with(before, List.of(new FieldChange("basic.taxNumber", "330100123456789",
                "330100999999999")));
        fixture.given(as("rep-1", pending(before)))
                .when(new EditProfileCardCommand(ID, null, new CardPatch(Map.of("basic", Map.of(
                        "taxNumber", "330100999999999"))), SIGNED, PROPOSAL), by("rep-1"))
                .expectEvents(new ProfileCardEditedEvent(ID, List.of(new FieldChange("basic.taxNumber",
                        "330100123456789", "330100999999999")), after));
    }

    private Object[] proposed() {
        return new Object[]{as("rep-1", pending(complete())), as("manager", approved()),
                as("boss", new ProfileChangeProposedEvent(ID, PROPOSAL, List.of(new FieldChange("payment.creditLimit",
                        new BigDecimal("50000"), new BigDecimal("80000")))))};
    }

    @Test
    void a_proposal_approved_by_a_manager_other_than_its_author_changes_the_card() {
        ProfileCard after = CardChanges.with(complete(), List.of(new FieldChange("payment.creditLimit", null,
                new BigDecimal("80000"))));
        fixture.given(proposed())
                .when(new ApproveProposalCommand(ID, null, PROPOSAL, "credit checked"), by("manager"))
                .expectEvents(new ProfileChangeApprovedEvent(ID, PROPOSAL, "credit checked"),
                        new ProfileCardEditedEvent(ID, List.of(new FieldChange("payment.creditLimit",
                                new BigDecimal("50000"), new BigDecimal("80000"))), after));
    }

    @Test
    void the_author_of_a_proposal_may_not_decide_it() {
        fixture.given(proposed())
                .when(new ApproveProposalCommand(ID, null, PROPOSAL, null), by("boss"))
                .expectNoEvents()
                .expectException(breaks(Rule.REVIEWER_IS_AUTHOR));
        fixture.given(proposed())
                .when(new RejectProposalCommand(ID, null, PROPOSAL, "no"), by("boss"))
                .expectNoEvents()
                .expectException(breaks(Rule.REVIEWER_IS_AUTHOR));
    }

    @Test
    void a_rejected_proposal_leaves_the_card_and_is_decided_once() {
        fixture.given(proposed())
                .when(new RejectProposalCommand(ID, null, PROPOSAL, "no credit history"), by("manager"))
                .expectEvents(new ProfileChangeRejectedEvent(ID, PROPOSAL, "no credit history"));
        List<Object> decided = new ArrayList<>(List.of(proposed()));
        decided.add(as("manager", new ProfileChangeRejectedEvent(ID, PROPOSAL, "no credit history")));
        fixture.given(decided)
                .when(new ApproveProposalCommand(ID, null, PROPOSAL, null), by("other"))
                .expectNoEvents()
                .expectException(ProposalNotFoundException.class);
    }

    @Test
    void the_migration_codes_a_customer_registered_before_review_once() {
        CustomerRegisteredEvent legacy = new CustomerRegisteredEvent(ID, CustomerKind.ORGANIZATION,
                CustomerNature.COMPANY, CustomerTier.KEY, InformationSource.REFERRAL, Grade.B, "rep-1", complete());
        fixture.given(as("rep-1", legacy))
                .when(new MigrateAdmissionCommand(ID, null), by("admin"))
                .expectEvents(new CustomerApprovedEvent(ID, "ZJ202600042", "admission migration", true))
                .expectResultMessagePayload(new Approval("ZJ202600042", 2));
        fixture.given(as("rep-1", legacy), as("admin", new CustomerApprovedEvent(ID, "ZJ202600042",
                        "admission migration", true)))
                .when(new MigrateAdmissionCommand(ID, null), by("admin"))
                .expectNoEvents()
                .expectResultMessagePayload(new Approval(null, 2));
        fixture.given(as("rep-1", pending(complete())))
                .when(new MigrateAdmissionCommand(ID, null), by("admin"))
                .expectNoEvents();
        // a duplicate merged before the migration is read-only and takes no code; the migration is not refused
        fixture.given(as("rep-1", legacy), as("manager", new CustomerMergedEvent(ID,
                        new CustomerId(UUID.fromString("00000000-0000-0000-0000-000000000042")), "registered twice")))
                .when(new MigrateAdmissionCommand(ID, null), by("admin"))
                .expectNoEvents()
                .expectResultMessagePayload(new Approval(null, 2));
    }
}
