package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PossibleDuplicateAcceptedEvent;
import com.customerarchive.events.ProfileCardEditedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.register;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/** The rules of duplicates (客户归属): a merge and what a merged customer still accepts, a forced registration. */
class MergeRulesTest {

    private static final UUID TARGET = UUID.fromString("2b7e1f00-4c1d-4e55-8f6a-9d0c3e2a1b04");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    private static CustomerFacts target(CustomerKind kind, CustomerStatus status, UUID mergedInto, boolean erased) {
        return new CustomerFacts(TARGET, kind, status, "rep-2", null, mergedInto, erased, 3);
    }

    private static CustomerFacts liveTarget() {
        return target(CustomerKind.ORGANIZATION, CustomerStatus.ACTIVE, null, false);
    }

    private static MergeCustomerCommand merge(CustomerFacts target, String reason) {
        return new MergeCustomerCommand(ID, null, target, reason);
    }

    @Test
    void a_duplicate_is_merged_into_a_live_customer_of_its_kind_with_the_reason() {
        fixture.given(registered())
                .when(merge(liveTarget(), "same tax number, registered twice"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2L)
                .expectEvents(new CustomerMergedEvent(ID, new CustomerId(TARGET), "same tax number, registered twice"));
    }

    @Test
    void a_merge_says_why() {
        fixture.given(registered())
                .when(merge(liveTarget(), " "))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
    }

    @Test
    void a_customer_is_not_merged_into_itself() {
        fixture.given(registered())
                .when(merge(new CustomerFacts(ID.value(), CustomerKind.ORGANIZATION, CustomerStatus.ACTIVE, "rep-1", null,
                        null, false, 1), "oops"))
                .expectNoEvents()
                .expectException(breaks(Rule.MERGE_INTO_ITSELF));
    }

    @Test
    void a_customer_is_not_merged_into_a_merged_one() {
        fixture.given(registered())
                .when(merge(target(CustomerKind.ORGANIZATION, CustomerStatus.ACTIVE, UUID.randomUUID(), false), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.MERGE_TARGET_MERGED));
    }

    @Test
    void a_customer_is_not_merged_into_an_archived_one() {
        fixture.given(registered())
                .when(merge(target(CustomerKind.ORGANIZATION, CustomerStatus.ARCHIVED, null, false), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.MERGE_TARGET_ARCHIVED));
    }

    @Test
    void a_customer_is_not_merged_into_an_erased_one() {
        fixture.given(registered())
                .when(merge(target(CustomerKind.ORGANIZATION, CustomerStatus.ACTIVE, null, true), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.MERGE_TARGET_ERASED));
    }

    @Test
    void an_organisation_is_not_merged_into_a_person() {
        fixture.given(registered())
                .when(merge(target(CustomerKind.INDIVIDUAL, CustomerStatus.ACTIVE, null, false), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.MERGE_ACROSS_KINDS));
    }

    @Test
    void an_archived_customer_is_not_merged() {
        fixture.given(registered(), new CustomerArchivedEvent(ID, "gone"))
                .when(merge(liveTarget(), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_ARCHIVED));
    }

    @Test
    void a_duplicate_with_money_open_after_a_sale_is_not_merged() {
        // an order on account not yet shipped: finance could not settle it on a read-only duplicate
        fixture.given(registered(), new com.customerarchive.events.PurchaseRecordedEvent(ID, 1, "SO-1", "tea",
                        java.math.BigDecimal.ONE, new java.math.BigDecimal("100.00"), "CNY",
                        java.time.Instant.parse("2026-03-02T01:00:00Z")))
                .when(merge(liveTarget(), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.DUPLICATE_HAS_OPEN_MONEY));
    }

    @Test
    void a_duplicate_with_a_complaint_not_closed_is_not_merged() {
        fixture.given(registered(), CustomerFixtures.complaintFiled())
                .when(merge(liveTarget(), "dup"))
                .expectNoEvents()
                .expectException(breaks(Rule.DUPLICATE_HAS_OPEN_COMPLAINTS));
    }

    @Test
    void a_merged_customer_is_not_merged_again() {
        fixture.given(registered(), new CustomerMergedEvent(ID, new CustomerId(TARGET), "dup"))
                .when(merge(target(CustomerKind.ORGANIZATION, CustomerStatus.ACTIVE, null, false), "again"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_MERGED));
    }

    @Test
    void a_merged_customer_refuses_every_write() {
        fixture.given(registered(), new CustomerMergedEvent(ID, new CustomerId(TARGET), "dup"))
                .when(new ChangeGradeCommand(ID, null, Grade.A, "closing soon"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_MERGED));
        fixture.given(registered(), new CustomerMergedEvent(ID, new CustomerId(TARGET), "dup"))
                .when(new ArchiveCustomerCommand(ID, null, "closing"))
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_MERGED));
        fixture.given(registered(), new CustomerMergedEvent(ID, new CustomerId(TARGET), "dup"))
                .when(register())
                .expectNoEvents()
                .expectException(breaks(Rule.CUSTOMER_MERGED));
    }

    @Test
    void a_merged_customer_still_has_its_personal_data_erased() {
        fixture.given(registered(), new CustomerMergedEvent(ID, new CustomerId(TARGET), "dup"))
                .when(new EraseCustomerPersonalDataCommand(ID, null, "the customer asked"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonalDataErasedEvent(ID, "the customer asked"));
    }

    @Test
    void a_merged_customer_describes_itself_with_its_target() {
        fixture.given(registered(), new CustomerMergedEvent(ID, new CustomerId(TARGET), "dup"))
                .when(new DescribeCustomerCommand(ID, true))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(facts -> facts instanceof CustomerFacts described
                        && TARGET.equals(described.mergedInto()) && described.version() == 2
                        && "rep-1".equals(described.ownerId())));
    }

    @Test
    void a_registration_despite_duplicates_records_the_candidates_and_the_reason() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDespiteDuplicatesCommand(register(), List.of(TARGET.toString()),
                        "a second branch of the same group, buys on its own account"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2L)
                .expectEvents(registered(), new PossibleDuplicateAcceptedEvent(ID, List.of(TARGET.toString()),
                        "a second branch of the same group, buys on its own account"));
    }

    @Test
    void an_edit_despite_duplicates_says_why_and_an_edit_that_changes_nothing_records_nothing() {
        var patch = new CardPatch(java.util.Map.of("basic", java.util.Map.of("name", "Hangzhou Tea Co.")));
        fixture.given(registered())
                .when(new EditDespiteDuplicatesCommand(new EditProfileCardCommand(ID, null, patch), List.of(TARGET.toString()), ""))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
        fixture.given(registered())
                .when(new EditDespiteDuplicatesCommand(new EditProfileCardCommand(ID, null, patch), List.of(TARGET.toString()),
                        "same switchboard"))
                .expectNoEvents()
                .expectResultMessagePayload(new CardEdit(1, List.of()));
    }

    @Test
    void an_edit_despite_duplicates_that_changes_the_card_records_the_edit_then_the_acceptance() {
        var patch = new CardPatch(java.util.Map.of("basic", java.util.Map.of("phones", List.of("0571-88886666"))));
        fixture.given(registered())
                .when(new EditDespiteDuplicatesCommand(new EditProfileCardCommand(ID, null, patch),
                        List.of(TARGET.toString()), "same switchboard"))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        org.hamcrest.Matchers.instanceOf(ProfileCardEditedEvent.class),
                        org.hamcrest.Matchers.equalTo(new PossibleDuplicateAcceptedEvent(ID,
                                List.of(TARGET.toString()), "same switchboard")),
                        Matchers.andNoMore())))
                .expectResultMessagePayload(new CardEdit(3, List.of("basic.phones")));
    }

    @Test
    void a_registration_despite_duplicates_says_why() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDespiteDuplicatesCommand(register(), List.of(TARGET.toString()), ""))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
    }
}
