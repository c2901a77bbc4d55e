package com.customerarchive.command.customer;

import com.customerarchive.events.CollectionRecordedEvent;
import com.customerarchive.events.CollectionRecordedEvent.Allocation;
import com.customerarchive.events.CollectionReversedEvent;
import com.customerarchive.events.CreditOverriddenEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.PaymentSection;
import com.customerarchive.events.PaymentTerms;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ShipmentRecordedEvent;
import com.customerarchive.events.ShipmentRecordedEvent.CreditUse;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.card;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/**
 * Money after the sale, rule by rule (DOMAIN.md): shipments never beyond the order, collections settling the oldest
 * receivable first or the ones they name, overpayment kept as credit, a bounced payment reversed, the credit limit and
 * the 90-day hold, a manager's override. Every figure below is worked out by hand in the comments.
 */
class MoneyRulesTest {

    private static final Instant ORDERED_AT = Instant.parse("2026-03-02T01:00:00Z");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    private static Map<String, Object> on(String day) {
        return Map.of(EventMetadata.OCCURRED_AT, day + "T02:00:00Z", EventMetadata.BUSINESS_DAY, day);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /** Net 30 days, a limit of 10,000.00 CNY and none in USD. */
    private static CustomerRegisteredEvent registeredOnTerms() {
        CustomerRegisteredEvent plain = registered();
        ProfileCard base = card("Hangzhou Tea Co.", "Hangzhou", "office@tea.example");
        ProfileCard card = new ProfileCard(base.basic(), base.contacts(), null, new PaymentSection("A", null, null,
                PaymentTerms.netDays(30), Map.of("CNY", money("10000.00"))), null);
        return new CustomerRegisteredEvent(plain.customerId(), plain.kind(), plain.nature(), plain.tier(), plain.source(),
                plain.grade(), plain.ownerId(), card);
    }

    private static PurchaseRecordedEvent purchased(int no, String orderRef, String quantity, String amount) {
        return new PurchaseRecordedEvent(ID, no, orderRef, "Longjing tea", money(quantity), money(amount), "CNY", ORDERED_AT);
    }

    /** A shipment in CNY; {@code credit}: what earlier collections' credit settled of it, by collection. */
    private static ShipmentRecordedEvent shipped(int no, int purchaseNo, String quantity, String amount, String day,
                                                 PaymentTerms terms, String dueOn, CreditUse... credit) {
        BigDecimal fromCredit = money("0.00");
        for (CreditUse use : credit) {
            fromCredit = fromCredit.add(use.amount());
        }
        return new ShipmentRecordedEvent(ID, no, purchaseNo, "DN-" + no, Instant.parse(day + "T02:00:00Z"),
                money(quantity), money(amount), "CNY", terms, LocalDate.parse(dueOn), fromCredit, List.of(credit));
    }

    private static CreditUse creditOf(int collectionNo, String amount) {
        return new CreditUse(collectionNo, money(amount));
    }

    private static MoneyCommands.RecordShipment ship(int purchaseNo, String reference, String quantity, String amount,
                                                     String day) {
        return new MoneyCommands.RecordShipment(ID, null, purchaseNo, reference, Instant.parse(day + "T02:00:00Z"),
                LocalDate.parse(day), money(quantity), money(amount));
    }

    private static MoneyCommands.RecordCollection collect(String reference, String amount, Allocation... named) {
        return new MoneyCommands.RecordCollection(ID, null, reference, Instant.parse("2026-04-20T02:00:00Z"),
                money(amount), "CNY", List.of(named));
    }

    private static CollectionRecordedEvent collected(int no, String reference, String amount, String credit,
                                                     Allocation... allocations) {
        return new CollectionRecordedEvent(ID, no, reference, Instant.parse("2026-04-20T02:00:00Z"), money(amount),
                "CNY", List.of(allocations), money(credit));
    }

    private static Allocation to(int shipmentNo, String amount) {
        return new Allocation(shipmentNo, money(amount));
    }

    private static final PaymentTerms NET_30 = PaymentTerms.netDays(30);

    // ---- shipments ----

    @Test
    void a_partial_shipment_becomes_receivable_due_by_the_terms() {
        // shipped 5 March on net 30 days: due 4 April
        fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"))
                .when(ship(1, "DN-1", "4", "2000.00", "2026-03-05"), on("2026-03-05"))
                .expectEvents(shipped(1, 1, "4", "2000.00", "2026-03-05", NET_30, "2026-04-04"))
                .expectResultMessagePayload(new MoneyCommands.Shipped(1, LocalDate.parse("2026-04-04"),
                        money("0.00"), 3));
    }

    @Test
    void a_purchase_is_never_shipped_beyond_what_was_ordered_in_quantity_or_amount() {
        // 4 of 10 for 2,000.00 of 5,000.00 are shipped: 7 more pass the quantity, 3,000.01 more the amount
        var given = fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"),
                shipped(1, 1, "4", "2000.00", "2026-03-05", NET_30, "2026-04-04"));
        given.when(ship(1, "DN-2", "7", "1000.00", "2026-03-06"), on("2026-03-06"))
                .expectException(breaks(Rule.OVER_SHIPMENT)).expectNoEvents();
        fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"),
                        shipped(1, 1, "4", "2000.00", "2026-03-05", NET_30, "2026-04-04"))
                .when(ship(1, "DN-2", "6", "3000.01", "2026-03-06"), on("2026-03-06"))
                .expectException(breaks(Rule.OVER_SHIPMENT)).expectNoEvents();
    }

    @Test
    void the_rest_of_the_order_ships_exactly() {
        fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"),
                        shipped(1, 1, "4", "2000.00", "2026-03-05", NET_30, "2026-04-04"))
                .when(ship(1, "DN-2", "6", "3000.00", "2026-03-06"), on("2026-03-06"))
                .expectEvents(shipped(2, 1, "6", "3000.00", "2026-03-06", NET_30, "2026-04-05"));
    }

    @Test
    void a_cancelled_purchase_is_not_shipped_and_an_unknown_one_is_not_found() {
        fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"),
                        new PurchaseCancelledEvent(ID, 1, "booked twice"))
                .when(ship(1, "DN-1", "1", "500.00", "2026-03-05"), on("2026-03-05"))
                .expectException(breaks(Rule.PURCHASE_CANCELLED));
        fixture.given(registeredOnTerms())
                .when(ship(7, "DN-1", "1", "500.00", "2026-03-05"), on("2026-03-05"))
                .expectException(PurchaseNotFoundException.class);
    }

    @Test
    void a_customer_whose_card_names_no_terms_pays_cash_on_the_day_of_shipment() {
        fixture.given(registered(), purchased(1, "SO-1", "10", "5000.00"))
                .when(ship(1, "DN-1", "10", "5000.00", "2026-03-05"), on("2026-03-05"))
                .expectEvents(shipped(1, 1, "10", "5000.00", "2026-03-05", PaymentTerms.CASH, "2026-03-05"));
    }

    @Test
    void the_same_shipment_reference_again_answers_the_first_and_other_figures_are_refused() {
        var first = shipped(1, 1, "4", "2000.00", "2026-03-05", NET_30, "2026-04-04");
        fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"), first)
                .when(ship(1, "DN-1", "4", "2000.00", "2026-03-05"), on("2026-03-07"))
                .expectNoEvents()
                .expectResultMessagePayload(new MoneyCommands.Shipped(1, LocalDate.parse("2026-04-04"),
                        money("0.00"), 3));
        fixture.given(registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"), first)
                .when(ship(1, "DN-1", "5", "2500.00", "2026-03-05"), on("2026-03-07"))
                .expectException(breaks(Rule.SHIPMENT_REF_TAKEN));
    }

    // ---- collections ----

    /** Shipment 1: 2,000.00 due 10 April; shipment 2 (after the terms became cash): 1,500.00 due 20 March. */
    private Object[] twoReceivables() {
        return new Object[]{registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"),
                shipped(1, 1, "4", "2000.00", "2026-03-11", NET_30, "2026-04-10"),
                shipped(2, 1, "3", "1500.00", "2026-03-20", PaymentTerms.CASH, "2026-03-20")};
    }

    @Test
    void a_collection_settles_the_receivable_due_first_not_the_first_shipped() {
        // 2,500.00: shipment 2 (due 20 March) 1,500.00 in full, then 1,000.00 of shipment 1 (due 10 April)
        fixture.given(twoReceivables())
                .when(collect("BANK-1", "2500.00"), on("2026-04-20"))
                .expectEvents(collected(1, "BANK-1", "2500.00", "0.00", to(2, "1500.00"), to(1, "1000.00")))
                .expectResultMessagePayload(new MoneyCommands.Collected(1, List.of(to(2, "1500.00"), to(1, "1000.00")),
                        money("0.00"), 5));
    }

    @Test
    void an_overpayment_is_kept_as_credit_and_settles_the_next_shipment() {
        // 4,000.00 against 3,500.00 open: 500.00 credit; the next shipment of 800.00 is 500.00 settled by it
        fixture.given(twoReceivables())
                .when(collect("BANK-1", "4000.00"), on("2026-04-20"))
                .expectEvents(collected(1, "BANK-1", "4000.00", "500.00", to(2, "1500.00"), to(1, "2000.00")));
        var given = twoReceivables();
        fixture.given(given[0], given[1], given[2], given[3],
                        collected(1, "BANK-1", "4000.00", "500.00", to(2, "1500.00"), to(1, "2000.00")))
                .when(ship(1, "DN-3", "1", "800.00", "2026-04-21"), on("2026-04-21"))
                .expectEvents(shipped(3, 1, "1", "800.00", "2026-04-21", NET_30, "2026-05-21", creditOf(1, "500.00")));
    }

    @Test
    void a_collection_settles_the_receivables_it_names_first_then_the_oldest_and_keeps_only_the_rest_as_credit() {
        // 800.00 naming shipment 1 for 500.00: the other 300.00 settles shipment 2 (due first), nothing is credit
        fixture.given(twoReceivables())
                .when(collect("BANK-1", "800.00", to(1, "500.00")), on("2026-04-20"))
                .expectEvents(collected(1, "BANK-1", "800.00", "0.00", to(1, "500.00"), to(2, "300.00")));
        // 4,000.00 naming shipment 1 for 2,000.00: shipment 2's 1,500.00 too, 500.00 credit
        fixture.given(twoReceivables())
                .when(collect("BANK-1", "4000.00", to(1, "2000.00")), on("2026-04-20"))
                .expectEvents(collected(1, "BANK-1", "4000.00", "500.00", to(1, "2000.00"), to(2, "1500.00")));
    }

    @Test
    void a_named_allocation_to_a_receivable_in_another_currency_is_refused() {
        fixture.given(twoReceivables())
                .when(new MoneyCommands.RecordCollection(ID, null, "BANK-1", Instant.parse("2026-04-20T02:00:00Z"),
                        money("100.00"), "USD", List.of(to(1, "100.00"))), on("2026-04-20"))
                .expectException(breaks(Rule.ALLOCATION_INVALID)).expectNoEvents();
    }

    @Test
    void a_collection_in_a_currency_nobody_owes_is_all_credit_and_its_reference_in_another_currency_is_taken() {
        var given = twoReceivables();
        var dollars = new CollectionRecordedEvent(ID, 1, "BANK-1", Instant.parse("2026-04-20T02:00:00Z"),
                money("100.00"), "USD", List.of(), money("100.00"));
        fixture.given(twoReceivables())
                .when(new MoneyCommands.RecordCollection(ID, null, "BANK-1", Instant.parse("2026-04-20T02:00:00Z"),
                        money("100.00"), "USD", List.of()), on("2026-04-20"))
                .expectEvents(dollars);
        fixture.given(given[0], given[1], given[2], given[3], dollars)
                .when(collect("BANK-1", "100.00"), on("2026-04-21"))
                .expectException(breaks(Rule.COLLECTION_REF_TAKEN));
    }

    @Test
    void a_named_allocation_beyond_what_is_open_or_the_amount_or_to_an_unknown_shipment_is_refused() {
        fixture.given(twoReceivables()).when(collect("BANK-1", "5000.00", to(2, "1500.01")), on("2026-04-20"))
                .expectException(breaks(Rule.ALLOCATION_INVALID)).expectNoEvents();
        fixture.given(twoReceivables()).when(collect("BANK-1", "1000.00", to(1, "600.00"), to(2, "600.00")),
                        on("2026-04-20"))
                .expectException(breaks(Rule.ALLOCATION_INVALID));
        fixture.given(twoReceivables()).when(collect("BANK-1", "100.00", to(9, "100.00")), on("2026-04-20"))
                .expectException(breaks(Rule.ALLOCATION_INVALID));
    }

    @Test
    void the_same_collection_reference_again_writes_nothing_and_other_figures_are_refused() {
        var given = twoReceivables();
        var first = collected(1, "BANK-1", "2500.00", "0.00", to(2, "1500.00"), to(1, "1000.00"));
        fixture.given(given[0], given[1], given[2], given[3], first)
                .when(collect("BANK-1", "2500.00"), on("2026-04-21"))
                .expectNoEvents()
                .expectResultMessagePayload(new MoneyCommands.Collected(1, List.of(to(2, "1500.00"), to(1, "1000.00")),
                        money("0.00"), 5));
        fixture.given(given[0], given[1], given[2], given[3], first)
                .when(collect("BANK-1", "2600.00"), on("2026-04-21"))
                .expectException(breaks(Rule.COLLECTION_REF_TAKEN));
    }

    // ---- reversals ----

    @Test
    void a_bounced_payment_opens_what_it_settled_again_once() {
        var given = twoReceivables();
        var first = collected(1, "BANK-1", "2500.00", "0.00", to(2, "1500.00"), to(1, "1000.00"));
        var reversed = new CollectionReversedEvent(ID, 1, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"),
                "cheque bounced", List.of(to(2, "1500.00"), to(1, "1000.00")), money("0.00"));
        fixture.given(given[0], given[1], given[2], given[3], first)
                .when(new MoneyCommands.ReverseCollection(ID, null, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"),
                        "cheque bounced"), on("2026-04-25"))
                .expectEvents(reversed);
        fixture.given(given[0], given[1], given[2], given[3], first, reversed)
                .when(new MoneyCommands.ReverseCollection(ID, null, "BANK-1", Instant.parse("2026-04-26T02:00:00Z"),
                        "again"), on("2026-04-26"))
                .expectException(breaks(Rule.COLLECTION_ALREADY_REVERSED));
        fixture.given(given[0], given[1], given[2], given[3])
                .when(new MoneyCommands.ReverseCollection(ID, null, "BANK-9", Instant.parse("2026-04-26T02:00:00Z"),
                        "unknown"), on("2026-04-26"))
                .expectException(CollectionNotFoundException.class);
    }

    @Test
    void reversing_an_overpayment_whose_credit_settled_a_later_shipment_opens_that_shipment_again() {
        // 4,000.00 left 500.00 credit, and shipment 3 (800.00) used all of it: no credit is left to take away, so the
        // reversal opens shipments 2 and 1 (3,500.00) and shipment 3 for the 500.00 the credit settled
        var given = twoReceivables();
        fixture.given(given[0], given[1], given[2], given[3],
                        collected(1, "BANK-1", "4000.00", "500.00", to(2, "1500.00"), to(1, "2000.00")),
                        shipped(3, 1, "1", "800.00", "2026-04-21", NET_30, "2026-05-21", creditOf(1, "500.00")))
                .when(new MoneyCommands.ReverseCollection(ID, null, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"),
                        "cheque bounced"), on("2026-04-25"))
                .expectEvents(new CollectionReversedEvent(ID, 1, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"),
                        "cheque bounced", List.of(to(2, "1500.00"), to(1, "2000.00"), to(3, "500.00")), money("0.00")));
    }

    @Test
    void reversing_an_overpayment_whose_credit_is_unused_takes_the_credit_away() {
        var given = twoReceivables();
        fixture.given(given[0], given[1], given[2], given[3],
                        collected(1, "BANK-1", "4000.00", "500.00", to(2, "1500.00"), to(1, "2000.00")))
                .when(new MoneyCommands.ReverseCollection(ID, null, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"),
                        "cheque bounced"), on("2026-04-25"))
                .expectEvents(new CollectionReversedEvent(ID, 1, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"),
                        "cheque bounced", List.of(to(2, "1500.00"), to(1, "2000.00")), money("500.00")));
    }

    @Test
    void a_reversal_opens_the_shipment_its_own_credit_settled_not_one_a_later_collections_credit_settled() {
        // BANK-1 leaves 500.00 credit, which settles 500.00 of shipment 3 (800.00); BANK-2 pays shipment 3's other
        // 300.00 and leaves 500.00 credit, which settles shipment 4 (500.00). Reversing BANK-1 opens shipment 3's
        // 500.00 (and shipments 2 and 1), never shipment 4; BANK-2's credit is not BANK-1's to take away.
        var given = twoReceivables();
        fixture.given(given[0], given[1], given[2], given[3],
                        collected(1, "BANK-1", "4000.00", "500.00", to(2, "1500.00"), to(1, "2000.00")),
                        shipped(3, 1, "1", "800.00", "2026-04-21", NET_30, "2026-05-21", creditOf(1, "500.00")),
                        new CollectionRecordedEvent(ID, 2, "BANK-2", Instant.parse("2026-05-01T02:00:00Z"),
                                money("800.00"), "CNY", List.of(to(3, "300.00")), money("500.00")),
                        shipped(4, 1, "1", "500.00", "2026-05-10", NET_30, "2026-06-09", creditOf(2, "500.00")))
                .when(new MoneyCommands.ReverseCollection(ID, null, "BANK-1", Instant.parse("2026-05-20T02:00:00Z"),
                        "cheque bounced"), on("2026-05-20"))
                .expectEvents(new CollectionReversedEvent(ID, 1, "BANK-1", Instant.parse("2026-05-20T02:00:00Z"),
                        "cheque bounced", List.of(to(2, "1500.00"), to(1, "2000.00"), to(3, "500.00")),
                        money("0.00")));
    }

    // ---- the credit limit and the hold ----

    /** Ordered 5,000.00, shipped 2,000.00 due 4 April, collected 1,000.00: 1,000.00 receivable, 3,000.00 unshipped. */
    private Object[] fourThousandOpen() {
        return new Object[]{registeredOnTerms(), purchased(1, "SO-1", "10", "5000.00"),
                shipped(1, 1, "4", "2000.00", "2026-03-05", NET_30, "2026-04-04"),
                collected(1, "BANK-1", "1000.00", "0.00", to(1, "1000.00"))};
    }

    private static RecordPurchaseCommand buy(String orderRef, String amount, String override) {
        return new RecordPurchaseCommand(ID, null, orderRef, "Longjing tea", BigDecimal.ONE, money(amount), "CNY",
                null, override);
    }

    @Test
    void a_purchase_that_passes_the_limit_is_refused_with_the_figures_and_one_that_meets_it_passes() {
        // 4,000.00 open + 6,000.01 = 10,000.01 > 10,000.00
        fixture.given(fourThousandOpen()).when(buy("SO-2", "6000.01", null), on("2026-04-20"))
                .expectNoEvents()
                .expectException(Matchers.predicate((RuleViolationException ex) -> ex.rule() == Rule.CREDIT_LIMIT_EXCEEDED
                        && ex.figures().get("limit").equals(money("10000.00"))
                        && ex.figures().get("exposure").equals(money("4000.00"))
                        && ex.figures().get("receivable").equals(money("1000.00"))
                        && ex.figures().get("openOrders").equals(money("3000.00"))
                        && ex.figures().get("available").equals(money("6000.00"))));
        fixture.given(fourThousandOpen()).when(buy("SO-2", "6000.00", null), on("2026-04-20"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PurchaseRecordedEvent(ID, 2, "SO-2", "Longjing tea", BigDecimal.ONE, money("6000.00"),
                        "CNY", Instant.parse("2026-04-20T02:00:00Z")));
    }

    @Test
    void a_currency_without_a_limit_is_not_limited() {
        fixture.given(fourThousandOpen())
                .when(new RecordPurchaseCommand(ID, null, "SO-2", "Longjing tea", BigDecimal.ONE,
                        money("999999.00"), "USD", null, null), on("2026-04-20"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_customer_more_than_ninety_days_past_due_is_held_and_ninety_days_is_not_yet() {
        // due 4 April: 3 July is 90 days past due, 4 July 91
        fixture.given(fourThousandOpen()).when(buy("SO-2", "100.00", null), on("2026-07-03"))
                .expectSuccessfulHandlerExecution();
        fixture.given(fourThousandOpen()).when(buy("SO-2", "100.00", null), on("2026-07-04"))
                .expectNoEvents()
                .expectException(Matchers.predicate((RuleViolationException ex) -> ex.rule() == Rule.CREDIT_HOLD
                        && ex.figures().get("daysPastDue").equals(91L)));
    }

    @Test
    void a_manager_overrides_the_hold_with_a_reason_recorded_with_the_figures() {
        fixture.given(fourThousandOpen()).when(buy("SO-2", "100.00", "paid the old invoice in cash today"),
                        on("2026-07-04"))
                .expectEvents(new CreditOverriddenEvent(ID, "SO-2", "credit-hold", "paid the old invoice in cash today",
                                "CNY", money("10000.00"), money("4000.00"), money("100.00"), 91),
                        new PurchaseRecordedEvent(ID, 2, "SO-2", "Longjing tea", BigDecimal.ONE, money("100.00"), "CNY",
                                Instant.parse("2026-07-04T02:00:00Z")));
    }

    @Test
    void a_manager_overrides_the_limit_with_a_reason_and_the_figures_it_passed() {
        // 4,000.00 open + 6,500.00 = 10,500.00 > 10,000.00; nothing is past due (20 April: the oldest is due 4 April,
        // 16 days)
        fixture.given(fourThousandOpen()).when(buy("SO-2", "6500.00", "a one-off order, paid in advance"),
                        on("2026-04-20"))
                .expectEvents(new CreditOverriddenEvent(ID, "SO-2", "credit-limit-exceeded",
                                "a one-off order, paid in advance", "CNY", money("10000.00"), money("4000.00"),
                                money("6500.00"), null),
                        new PurchaseRecordedEvent(ID, 2, "SO-2", "Longjing tea", BigDecimal.ONE, money("6500.00"), "CNY",
                                Instant.parse("2026-04-20T02:00:00Z")));
    }

    @Test
    void a_customer_on_hold_past_its_limit_too_hears_of_the_hold() {
        fixture.given(fourThousandOpen()).when(buy("SO-2", "9000.00", null), on("2026-07-04"))
                .expectException(Matchers.predicate((RuleViolationException ex) -> ex.rule() == Rule.CREDIT_HOLD
                        && ex.figures().get("daysPastDue").equals(91L)
                        && ex.figures().get("exposure").equals(money("4000.00"))));
    }

    @Test
    void dollars_more_than_ninety_days_past_due_hold_a_purchase_in_yuan() {
        CustomerRegisteredEvent registered = registeredOnTerms();
        fixture.given(registered,
                        new PurchaseRecordedEvent(ID, 1, "SO-1", "Longjing tea", BigDecimal.ONE, money("300.00"), "USD",
                                ORDERED_AT),
                        new ShipmentRecordedEvent(ID, 1, 1, "DN-1", Instant.parse("2026-03-05T02:00:00Z"), BigDecimal.ONE,
                                money("300.00"), "USD", NET_30, LocalDate.parse("2026-04-04"), money("0.00"), List.of()))
                .when(buy("SO-2", "100.00", null), on("2026-07-04"))
                .expectException(breaks(Rule.CREDIT_HOLD));
    }

    @Test
    void a_purchase_cancelled_after_a_partial_shipment_holds_only_what_was_shipped() {
        // ordered 5,000.00, 2,000.00 shipped, then cancelled: 2,000.00 open; 8,000.00 more meets the limit exactly
        var given = fourThousandOpen();
        fixture.given(given[0], given[1], given[2], new PurchaseCancelledEvent(ID, 1, "the rest was never delivered"))
                .when(buy("SO-2", "8000.00", null), on("2026-04-20"))
                .expectSuccessfulHandlerExecution();
        fixture.given(given[0], given[1], given[2], new PurchaseCancelledEvent(ID, 1, "the rest was never delivered"))
                .when(buy("SO-2", "8000.01", null), on("2026-04-20"))
                .expectException(breaks(Rule.CREDIT_LIMIT_EXCEEDED));
    }

    @Test
    void collected_money_frees_the_limit_and_a_bounced_payment_takes_it_back() {
        // after the 1,000.00 bounces 5,000.00 is open: 5,000.01 more passes the limit, 5,000.00 meets it
        var given = fourThousandOpen();
        var bounced = new CollectionReversedEvent(ID, 1, "BANK-1", Instant.parse("2026-04-25T02:00:00Z"), "bounced",
                List.of(to(1, "1000.00")), money("0.00"));
        fixture.given(given[0], given[1], given[2], given[3], bounced).when(buy("SO-2", "5000.01", null), on("2026-04-26"))
                .expectException(breaks(Rule.CREDIT_LIMIT_EXCEEDED));
        fixture.given(given[0], given[1], given[2], given[3], bounced).when(buy("SO-2", "5000.00", null), on("2026-04-26"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_change_of_terms_or_limits_on_an_approved_card_waits_for_a_second_manager() {
        var patch = new CardPatch(Map.of("payment", Map.of("terms", Map.of("kind", "NET_DAYS", "days", 60),
                "creditLimits", Map.of("CNY", new BigDecimal("20000.00")))));
        fixture.given(registeredOnTerms())
                .when(new EditProfileCardCommand(ID, null, patch, AdmissionPolicy.DEFAULT_SIGNED, "P-1"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        Matchers.messageWithPayload(Matchers.predicate(
                                (com.customerarchive.events.ProfileChangeProposedEvent proposed) ->
                                        proposed.changes().stream().map(com.customerarchive.events.FieldChange::field)
                                                .toList().equals(List.of("payment.creditLimits.CNY",
                                                        "payment.terms.days"))))));
    }
}
