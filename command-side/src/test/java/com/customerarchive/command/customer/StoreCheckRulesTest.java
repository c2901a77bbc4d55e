package com.customerarchive.command.customer;

import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.Grade;
import com.customerarchive.events.RouteAssignedEvent;
import com.customerarchive.events.StoreCheckLine;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.route.Catalogue;
import com.customerarchive.events.route.Route;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/**
 * The route card's store check (店头检查), rule by rule: sales since the last check are derived (销 = last stock + 进
 * − 存), a negative result is refused naming the product and the three figures, a correction visit replaces the last
 * stock with a reason, and the suggested order is the trade type's target stock − stock, never negative.
 */
class StoreCheckRulesTest {

    private static final Instant AT = Instant.parse("2026-11-30T02:00:00Z");
    private static final Map<String, Object> NOW = Map.of(EventMetadata.OCCURRED_AT, AT.toString());
    private static final Route ROUTE = new Route("杭州所", "R-07", 3, List.of(1, 3), DayOfWeek.FRIDAY);
    /** A convenience chain (12) holds 20 cases of PET500, 12 of CAN340; anything else 10. */
    private static final Catalogue CATALOGUE = new Catalogue(null, null, new BigDecimal("10"),
            Map.of("12", Map.of("PET500", new BigDecimal("20"), "CAN340", new BigDecimal("12"))));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    private static RecordVisitCommand check(RecordVisitCommand.StoreCheckInput... lines) {
        return new RecordVisitCommand(ID, null, AT, VisitMethod.ON_SITE_VISIT, null, null, null, null, List.of(lines),
                CATALOGUE);
    }

    private static RecordVisitCommand.StoreCheckInput line(String sku, String stock, String delivered) {
        return new RecordVisitCommand.StoreCheckInput(sku, n(stock), n(delivered), 4, true, List.of(), null, null);
    }

    private static VisitRecordedEvent visited(int visitNo, StoreCheckLine... lines) {
        return new VisitRecordedEvent(ID, visitNo, AT, VisitMethod.ON_SITE_VISIT, null, Grade.B, null, null, null,
                List.of(lines));
    }

    private static StoreCheckLine shelf(String sku, String stock, String delivered, String previous, String sold) {
        return new StoreCheckLine(sku, n(stock), n(delivered), 4, true, List.of(), previous == null ? null : n(previous),
                sold == null ? null : n(sold), null);
    }

    private static final RouteAssignedEvent ON_ROUTE = new RouteAssignedEvent(ID, ROUTE, "12");

    @Test
    void the_first_check_knows_no_sales_and_suggests_the_order_up_to_the_trade_types_target() {
        // PET500: 6 on the shelf, target 20 → order 14; PET300 (no target: 10) with 12 on the shelf → 0, never negative
        fixture.given(registered(), ON_ROUTE)
                .when(check(line("PET500", "6", "0"), line("PET300", "12", "0")), NOW)
                .expectEvents(visited(1, shelf("PET500", "6", "0", null, null), shelf("PET300", "12", "0", null, null)))
                .expectResultMessagePayload(new RecordedVisit(1, 3, List.of(
                        new RecordedVisit.Checked("PET500", null, null, n("14")),
                        new RecordedVisit.Checked("PET300", null, null, n("0")))));
    }

    @Test
    void the_next_check_derives_the_sales_since_the_last() {
        // last 6, delivered 24, now 9: sold 6 + 24 − 9 = 21; order 20 − 9 = 11
        fixture.given(registered(), ON_ROUTE, visited(1, shelf("PET500", "6", "0", null, null)))
                .when(check(line("PET500", "9", "24")), NOW)
                .expectEvents(visited(2, shelf("PET500", "9", "24", "6", "21")))
                .expectResultMessagePayload(new RecordedVisit(2, 4, List.of(
                        new RecordedVisit.Checked("PET500", n("6"), n("21"), n("11")))));
    }

    @Test
    void more_on_the_shelf_than_the_last_stock_and_the_deliveries_is_refused_naming_the_figures() {
        // last 6, delivered 4, now 11: sold would be −1
        fixture.given(registered(), ON_ROUTE, visited(1, shelf("CAN340", "6", "0", null, null)))
                .when(check(line("PET500", "3", "0"), line("CAN340", "11", "4")), NOW)
                .expectNoEvents()
                .expectException(Matchers.predicate((RuleViolationException ex) ->
                        ex.rule() == Rule.STORE_CHECK_INCONSISTENT && ex.figures().get("sku").equals("CAN340")
                                && ex.figures().get("previousStock").equals(n("6"))
                                && ex.figures().get("delivered").equals(n("4"))
                                && ex.figures().get("stock").equals(n("11"))));
    }

    @Test
    void a_correction_visit_replaces_the_last_stock_with_a_reason() {
        // the last check wrote 6 where 16 stood: corrected, sold 16 + 4 − 11 = 9
        fixture.given(registered(), ON_ROUTE, visited(1, shelf("CAN340", "6", "0", null, null)))
                .when(check(new RecordVisitCommand.StoreCheckInput("CAN340", n("11"), n("4"), 4, true, List.of(),
                        n("16"), "上次把16箱记成了6箱 (16 written as 6)")), NOW)
                .expectEvents(visited(2, new StoreCheckLine("CAN340", n("11"), n("4"), 4, true, List.of(), n("16"),
                        n("9"), "上次把16箱记成了6箱 (16 written as 6)")));
    }

    @Test
    void an_outlet_is_put_on_a_route_once_and_taken_off_it() {
        fixture.given(registered())
                .when(new AssignRouteCommand(ID, null, ROUTE, "12"))
                .expectEvents(ON_ROUTE);
        fixture.given(registered(), ON_ROUTE)
                .when(new AssignRouteCommand(ID, null, ROUTE, "12"))
                .expectNoEvents();
        fixture.given(registered(), ON_ROUTE)
                .when(new AssignRouteCommand(ID, null, null, "12"))
                .expectEvents(new RouteAssignedEvent(ID, null, "12"));
    }

    @Test
    void a_team_leaders_remark_names_a_visit_the_customer_had_and_is_acknowledged_once() {
        var visit = visited(1, shelf("PET500", "6", "0", null, null));
        fixture.given(registered(), ON_ROUTE, visit)
                .when(new RemarkCommands.Write(ID, null, 1, "PET500 只剩6箱，下周补货"))
                .expectEvents(new com.customerarchive.events.RemarkWrittenEvent(ID, 1, 1, "PET500 只剩6箱，下周补货"))
                .expectResultMessagePayload(new RemarkCommands.Written(1, 4));
        fixture.given(registered(), ON_ROUTE, visit)
                .when(new RemarkCommands.Write(ID, null, 2, "no such visit"))
                .expectException(CustomerFixtures.breaks(Rule.REMARK_VISIT_UNKNOWN)).expectNoEvents();
        var written = new com.customerarchive.events.RemarkWrittenEvent(ID, 1, null, "check the facings");
        fixture.given(registered(), written)
                .when(new RemarkCommands.Acknowledge(ID, null, 1))
                .expectEvents(new com.customerarchive.events.RemarkAcknowledgedEvent(ID, 1));
        fixture.given(registered(), written, new com.customerarchive.events.RemarkAcknowledgedEvent(ID, 1))
                .when(new RemarkCommands.Acknowledge(ID, null, 1))
                .expectNoEvents();
        fixture.given(registered(), written)
                .when(new RemarkCommands.Acknowledge(ID, null, 2))
                .expectException(CustomerFixtures.breaks(Rule.REMARK_UNKNOWN));
    }

    @Test
    void a_visit_without_a_store_check_is_as_it_always_was() {
        fixture.given(registered())
                .when(new RecordVisitCommand(ID, null, AT, VisitMethod.PHONE, null, "called", null, null), NOW)
                .expectEvents(new VisitRecordedEvent(ID, 1, AT, VisitMethod.PHONE, null, Grade.B, "called", null, null))
                .expectResultMessagePayload(new RecordedVisit(1, 2));
    }
}
