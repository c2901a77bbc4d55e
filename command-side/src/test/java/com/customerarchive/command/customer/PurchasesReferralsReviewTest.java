package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.ProfileReviewedEvent;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ReferrerRecordedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.register;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/** The rules of purchases, referrals, reviews and a sales rep's own customers, one fixture test each. */
class PurchasesReferralsReviewTest {

    private static final String RECORDED_AT = "2026-03-02T09:00:00Z";
    private static final Map<String, Object> NOW = Map.of(EventMetadata.OCCURRED_AT, RECORDED_AT);
    private static final CustomerId REFERRER = new CustomerId(UUID.fromString("2b8e1a52-7c1d-4d0e-9a44-3c8f5e2d1a77"));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    private static RecordPurchaseCommand purchase(String orderRef, String amount) {
        return new RecordPurchaseCommand(ID, null, orderRef, "Longjing tea, 10 kg", new BigDecimal("2"),
                new BigDecimal(amount), "CNY", null);
    }

    private static PurchaseRecordedEvent purchased(int purchaseNo, String orderRef, String amount) {
        return new PurchaseRecordedEvent(ID, purchaseNo, orderRef, "Longjing tea, 10 kg", new BigDecimal("2"),
                new BigDecimal(amount), "CNY", Instant.parse(RECORDED_AT));
    }

    @Test
    void a_purchase_is_numbered_and_dated_when_recorded_unless_the_request_says_when() {
        fixture.given(registered())
                .when(purchase("SO-1", "1200.00"), NOW)
                .expectEvents(purchased(1, "SO-1", "1200.00"))
                .expectResultMessagePayload(new RecordedPurchase(1, 2));
    }

    @Test
    void the_same_order_again_writes_nothing_and_answers_the_first_purchase() {
        fixture.given(registered(), purchased(1, "SO-1", "1200.00"), purchased(2, "SO-2", "80.00"))
                .when(new RecordPurchaseCommand(ID, null, "SO-1", "Longjing tea, 10 kg", new BigDecimal("2.0"),
                        new BigDecimal("1200"), "CNY", null), NOW)
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedPurchase(1, 3));
    }

    @Test
    void another_purchase_under_a_used_order_reference_is_refused() {
        fixture.given(registered(), purchased(1, "SO-1", "1200.00"))
                .when(purchase("SO-1", "1300.00"), NOW)
                .expectException(breaks(Rule.ORDER_REF_TAKEN));
    }

    @Test
    void a_purchase_is_cancelled_once_with_a_reason_and_an_unknown_one_is_not_found() {
        fixture.given(registered(), purchased(1, "SO-1", "1200.00"))
                .when(new CancelPurchaseCommand(ID, null, 1, "booked twice"), NOW)
                .expectEvents(new PurchaseCancelledEvent(ID, 1, "booked twice"));
        fixture.given(registered(), purchased(1, "SO-1", "1200.00"), new PurchaseCancelledEvent(ID, 1, "booked twice"))
                .when(new CancelPurchaseCommand(ID, null, 1, "again"), NOW)
                .expectException(breaks(Rule.PURCHASE_ALREADY_CANCELLED));
        fixture.given(registered(), purchased(1, "SO-1", "1200.00"))
                .when(new CancelPurchaseCommand(ID, null, 1, " "), NOW)
                .expectException(breaks(Rule.REASON_REQUIRED));
        fixture.given(registered())
                .when(new CancelPurchaseCommand(ID, null, 7, "typo"), NOW)
                .expectException(PurchaseNotFoundException.class);
    }

    @Test
    void an_archived_customer_takes_no_purchase_referrer_or_review() {
        fixture.given(registered(), new CustomerArchivedEvent(ID, "went to a competitor"))
                .when(purchase("SO-9", "10.00"), NOW)
                .expectException(breaks(Rule.CUSTOMER_ARCHIVED));
        fixture.given(registered(), new CustomerArchivedEvent(ID, "went to a competitor"))
                .when(new ReviewProfileCommand(ID, null, "checked"), NOW)
                .expectException(breaks(Rule.CUSTOMER_ARCHIVED));
    }

    @Test
    void a_referrer_is_recorded_once_and_never_the_customer_itself() {
        fixture.given(registered())
                .when(new RecordReferrerCommand(ID, null, REFERRER, "met at the fair through them"), NOW)
                .expectEvents(new ReferrerRecordedEvent(ID, REFERRER.toString(), "met at the fair through them"));
        fixture.given(registered(), new ReferrerRecordedEvent(ID, REFERRER.toString(), "fair"))
                .when(new RecordReferrerCommand(ID, null, REFERRER, "again"), NOW)
                .expectNoEvents();
        fixture.given(registered())
                .when(new RecordReferrerCommand(ID, null, ID, "itself"), NOW)
                .expectException(breaks(Rule.SELF_REFERRAL));
    }

    @Test
    void a_registration_may_name_its_referrer_but_not_itself() {
        RegisterCustomerCommand plain = register();
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomerCommand(ID, plain.kind(), plain.nature(), plain.tier(), plain.source(),
                        plain.grade(), plain.ownerId(), plain.card(), REFERRER), NOW)
                .expectEvents(registered(), new ReferrerRecordedEvent(ID, REFERRER.toString(), null));
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomerCommand(ID, plain.kind(), plain.nature(), plain.tier(), plain.source(),
                        plain.grade(), plain.ownerId(), plain.card(), ID), NOW)
                .expectException(breaks(Rule.SELF_REFERRAL));
    }

    @Test
    void a_review_is_recorded_even_when_nothing_changed() {
        fixture.given(registered())
                .when(new ReviewProfileCommand(ID, null, "called, all current"), NOW)
                .expectEvents(new ProfileReviewedEvent(ID, "called, all current"));
    }

    @Test
    void a_sales_rep_limited_to_its_own_customers_changes_only_those() {
        fixture.given(registered())
                .when(new ReviewProfileCommand(ID, null, "not mine"),
                        Map.of(EventMetadata.OCCURRED_AT, RECORDED_AT, OwnerScope.METADATA, java.util.List.of("rep-2")))
                .expectException(OutOfScopeException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new ReviewProfileCommand(ID, null, "mine"),
                        Map.of(EventMetadata.OCCURRED_AT, RECORDED_AT, OwnerScope.METADATA, java.util.List.of("rep-1", "rep-3")))
                .expectEvents(new ProfileReviewedEvent(ID, "mine"));
    }
}
