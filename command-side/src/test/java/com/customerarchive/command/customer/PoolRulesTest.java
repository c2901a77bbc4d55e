package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerAssignedEvent;
import com.customerarchive.events.CustomerClaimedEvent;
import com.customerarchive.events.CustomerLockedEvent;
import com.customerarchive.events.CustomerReturnedToPoolEvent;
import com.customerarchive.events.CustomerUnlockedEvent;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.Grade;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ReturnCause;
import com.customerarchive.events.VisitMethod;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.org.PoolRules;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.complaintFiled;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/**
 * The public pool's rules on one customer (rep-1 registered it, grade B, on 1 March 2026 at 09:00 UTC). The pool
 * under test: grade B back after 15 days without a follow-up or 30 without a purchase, grade A after 7 without a
 * follow-up, C, D and E exempt; the previous owner waits 10 days. Every instant below is written out by hand.
 */
class PoolRulesTest {

    private static final Instant REGISTERED = Instant.parse("2026-03-01T09:00:00Z");
    private static final PoolRules RULES = new PoolRules(Map.of(Grade.A, 7, Grade.B, 15), Map.of(Grade.B, 30),
            false, false, false, 3, 5, 10, null, false, null);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    /** An event as it happened at {@code at} in the business. */
    private static Object at(String at, Object event) {
        return new GenericEventMessage<>(event, MetaData.with(EventMetadata.OCCURRED_AT, Instant.parse(at).toString()));
    }

    private static Object registeredOnFirstMarch() {
        return at(REGISTERED.toString(), registered());
    }

    private static VisitRecordedEvent visit(int no, String at) {
        return new VisitRecordedEvent(ID, no, Instant.parse(at), VisitMethod.PHONE, null, Grade.B, null, null, null);
    }

    private static PoolCommands.ReturnIfDue look(String asOf) {
        return new PoolCommands.ReturnIfDue(ID, "HZ", RULES, Instant.parse(asOf));
    }

    @Test
    void the_follow_up_clock_runs_from_the_last_visit_and_returns_the_customer_once_its_days_are_over() {
        // visited on 3 March 09:00: grade B goes back 15 days later, on 18 March 09:00
        fixture.given(registeredOnFirstMarch(), visit(1, "2026-03-03T09:00:00Z"))
                .when(look("2026-03-18T08:59:59Z"))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(registeredOnFirstMarch(), visit(1, "2026-03-03T09:00:00Z"))
                .when(look("2026-03-18T09:00:00Z"))
                .expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-1", ReturnCause.NO_FOLLOW_UP, 15,
                        "no follow-up for 15 days, grade B"))
                .expectResultMessagePayload(true);
    }

    @Test
    void a_customer_in_the_pool_is_not_returned_twice() {
        // back on 16 March: by 1 June its 15 days are long over, and still it is not returned again
        fixture.given(registeredOnFirstMarch(), at("2026-03-16T09:00:00Z", returned()))
                .when(look("2026-06-01T00:00:00Z"))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void without_a_visit_the_clock_runs_from_the_moment_the_owner_got_the_customer() {
        // registered 1 March 09:00, no visit: 16 March 09:00; handed to rep-2 on 10 March 12:00: 25 March 12:00
        fixture.given(registeredOnFirstMarch())
                .when(look("2026-03-16T09:00:00Z"))
                .expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-1", ReturnCause.NO_FOLLOW_UP, 15,
                        "no follow-up for 15 days, grade B"));
        fixture.given(registeredOnFirstMarch(), at("2026-03-10T12:00:00Z",
                        new OwnerTransferredEvent(ID, "rep-1", "rep-2", "rep-1 moved")))
                .when(look("2026-03-25T11:59:59Z"))
                .expectNoEvents();
        fixture.given(registeredOnFirstMarch(), at("2026-03-10T12:00:00Z",
                        new OwnerTransferredEvent(ID, "rep-1", "rep-2", "rep-1 moved")))
                .when(look("2026-03-25T12:00:00Z"))
                .expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-2", ReturnCause.NO_FOLLOW_UP, 15,
                        "no follow-up for 15 days, grade B"));
    }

    @Test
    void the_purchase_clock_returns_a_customer_visited_but_not_sold_to() {
        // visited every 10 days (never 15 without one), bought on 5 March: 30 days later, 4 April, it goes back
        fixture.given(registeredOnFirstMarch(), purchase("2026-03-05T10:00:00Z"), visit(1, "2026-03-11T09:00:00Z"),
                        visit(2, "2026-03-21T09:00:00Z"), visit(3, "2026-03-31T09:00:00Z"))
                .when(look("2026-04-04T09:59:59Z"))
                .expectNoEvents();
        fixture.given(registeredOnFirstMarch(), purchase("2026-03-05T10:00:00Z"), visit(1, "2026-03-11T09:00:00Z"),
                        visit(2, "2026-03-21T09:00:00Z"), visit(3, "2026-03-31T09:00:00Z"))
                .when(look("2026-04-04T10:00:00Z"))
                .expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-1", ReturnCause.NO_PURCHASE, 30,
                        "no purchase for 30 days, grade B"));
    }

    @Test
    void a_grade_without_days_a_lock_and_each_configured_exemption_keep_the_customer_with_its_rep() {
        Object gradeC = new com.customerarchive.events.GradeChangedEvent(ID, Grade.B, Grade.C, "quiet");
        fixture.given(registeredOnFirstMarch(), gradeC).when(look("2027-03-01T00:00:00Z")).expectNoEvents();
        fixture.given(registeredOnFirstMarch(), new CustomerLockedEvent(ID, "rep-1"))
                .when(look("2027-03-01T00:00:00Z")).expectNoEvents();
        PoolRules exempting = new PoolRules(Map.of(Grade.B, 15), Map.of(), true, true, false, 3, 5, 10, null, false, null);
        fixture.given(registeredOnFirstMarch(), purchase("2026-03-02T10:00:00Z"))
                .when(new PoolCommands.ReturnIfDue(ID, "HZ", exempting, Instant.parse("2027-03-01T00:00:00Z")))
                .expectNoEvents();
        fixture.given(registeredOnFirstMarch(), complaintFiled())
                .when(new PoolCommands.ReturnIfDue(ID, "HZ", exempting, Instant.parse("2027-03-01T00:00:00Z")))
                .expectNoEvents();
        // the same customers under the plain rules go back
        fixture.given(registeredOnFirstMarch(), complaintFiled())
                .when(look("2027-03-01T00:00:00Z")).expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-1",
                        ReturnCause.NO_FOLLOW_UP, 15, "no follow-up for 15 days, grade B"));
        fixture.given(registeredOnFirstMarch(), new CustomerArchivedEvent(ID, "shop closed"))
                .when(look("2027-03-01T00:00:00Z")).expectNoEvents();
    }

    @Test
    void a_lock_ends_with_its_owner_and_a_locked_customer_is_not_released_by_hand() {
        fixture.given(registeredOnFirstMarch(), new CustomerLockedEvent(ID, "rep-1"))
                .when(new PoolCommands.Release(ID, "HZ", "no time for it"))
                .expectException(breaks(Rule.CUSTOMER_LOCKED)).expectNoEvents();
        fixture.given(registeredOnFirstMarch(), new CustomerLockedEvent(ID, "rep-1"),
                        at("2026-03-02T09:00:00Z", new OwnerTransferredEvent(ID, "rep-1", "rep-2", "moved")))
                .when(look("2026-03-17T09:00:00Z"))
                .expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-2", ReturnCause.NO_FOLLOW_UP, 15,
                        "no follow-up for 15 days, grade B"));
        fixture.given(registeredOnFirstMarch(), new CustomerLockedEvent(ID, "rep-1"))
                .when(new PoolCommands.Lock(ID)).expectNoEvents();
        fixture.given(registeredOnFirstMarch())
                .when(new PoolCommands.Unlock(ID)).expectException(breaks(Rule.NOT_LOCKED));
        fixture.given(registeredOnFirstMarch(), new CustomerLockedEvent(ID, "rep-1"))
                .when(new PoolCommands.Unlock(ID)).expectEvents(new CustomerUnlockedEvent(ID, "rep-1"));
    }

    @Test
    void a_release_by_hand_puts_the_customer_back_with_its_reason_once() {
        fixture.given(registeredOnFirstMarch())
                .when(new PoolCommands.Release(ID, "HZ", "moved to another city"))
                .expectEvents(new CustomerReturnedToPoolEvent(ID, "HZ", "rep-1", ReturnCause.RELEASED, null,
                        "moved to another city"));
        fixture.given(registeredOnFirstMarch(), returned())
                .when(new PoolCommands.Release(ID, "HZ", "again"))
                .expectException(breaks(Rule.ALREADY_IN_POOL)).expectNoEvents();
    }

    @Test
    void a_claim_takes_the_customer_from_the_pool_once_and_the_previous_owner_waits_its_days() {
        // back to the pool from rep-1 on 16 March 09:00 (recorded then); rep-1 waits 10 days: until 26 March 09:00
        fixture.given(registeredOnFirstMarch(), at("2026-03-16T09:00:00Z", returned()))
                .when(new PoolCommands.Claim(ID, "rep-1", 10, Instant.parse("2026-03-26T08:59:59Z")))
                .expectException(breaks(Rule.PREVIOUS_OWNER_WAIT)).expectNoEvents();
        fixture.given(registeredOnFirstMarch(), at("2026-03-16T09:00:00Z", returned()))
                .when(new PoolCommands.Claim(ID, "rep-1", 10, Instant.parse("2026-03-26T09:00:00Z")))
                .expectEvents(new CustomerClaimedEvent(ID, "HZ", "rep-1"));
        fixture.given(registeredOnFirstMarch(), at("2026-03-16T09:00:00Z", returned()))
                .when(new PoolCommands.Claim(ID, "rep-2", 10, Instant.parse("2026-03-16T09:00:01Z")))
                .expectEvents(new CustomerClaimedEvent(ID, "HZ", "rep-2"));
        // the second of two claims finds it taken
        fixture.given(registeredOnFirstMarch(), returned(), new CustomerClaimedEvent(ID, "HZ", "rep-2"))
                .when(new PoolCommands.Claim(ID, "rep-3", 10, Instant.parse("2026-03-17T09:00:00Z")))
                .expectException(breaks(Rule.ALREADY_CLAIMED)).expectNoEvents();
        // a customer with its rep is not claimed
        fixture.given(registeredOnFirstMarch())
                .when(new PoolCommands.Claim(ID, "rep-3", 10, Instant.parse("2026-03-17T09:00:00Z")))
                .expectException(breaks(Rule.ALREADY_CLAIMED)).expectNoEvents();
    }

    @Test
    void an_assignment_gives_the_customer_from_the_pool_or_from_another_rep() {
        fixture.given(registeredOnFirstMarch(), returned())
                .when(new PoolCommands.Assign(ID, "rep-2", "rep-2 knows the buyer"))
                .expectEvents(new CustomerAssignedEvent(ID, "pool:HZ", "rep-2", "rep-2 knows the buyer"));
        fixture.given(registeredOnFirstMarch())
                .when(new PoolCommands.Assign(ID, "rep-2", "balance the books"))
                .expectEvents(new CustomerAssignedEvent(ID, "rep-1", "rep-2", "balance the books"));
        fixture.given(registeredOnFirstMarch())
                .when(new PoolCommands.Assign(ID, "rep-1", "no change"))
                .expectException(breaks(Rule.SAME_OWNER)).expectNoEvents();
    }

    @Test
    void the_team_names_colleagues_beside_the_owner_and_a_write_member_works_the_customer_until_its_day() {
        var team = java.util.List.of(new com.customerarchive.events.TeamMember("rep-2", com.customerarchive.events.TeamAccess.WRITE,
                java.time.LocalDate.parse("2026-03-10")), new com.customerarchive.events.TeamMember("rep-3",
                com.customerarchive.events.TeamAccess.READ, null));
        fixture.given(registeredOnFirstMarch())
                .when(new SetTeamCommand(ID, team))
                .expectEvents(new com.customerarchive.events.CustomerTeamChangedEvent(ID, team));
        fixture.given(registeredOnFirstMarch(), new com.customerarchive.events.CustomerTeamChangedEvent(ID, team))
                .when(new SetTeamCommand(ID, team)).expectNoEvents();
        fixture.given(registeredOnFirstMarch())
                .when(new SetTeamCommand(ID, java.util.List.of(new com.customerarchive.events.TeamMember("rep-1",
                        com.customerarchive.events.TeamAccess.READ, null))))
                .expectException(breaks(Rule.OWNER_IN_TEAM)).expectNoEvents();
        // rep-2 (WRITE until 10 March) records a visit on 10 March; on 11 March, and rep-3 (READ) at any time, may not
        fixture.given(registeredOnFirstMarch(), new com.customerarchive.events.CustomerTeamChangedEvent(ID, team))
                .when(visitBy("rep-2", "2026-03-10"))
                .expectSuccessfulHandlerExecution().expectEvents(visit(1, "2026-03-10T09:00:00Z"));
        fixture.given(registeredOnFirstMarch(), new com.customerarchive.events.CustomerTeamChangedEvent(ID, team))
                .when(visitBy("rep-2", "2026-03-11")).expectException(OutOfScopeException.class).expectNoEvents();
        fixture.given(registeredOnFirstMarch(), new com.customerarchive.events.CustomerTeamChangedEvent(ID, team))
                .when(visitBy("rep-3", "2026-03-10")).expectException(OutOfScopeException.class).expectNoEvents();
        // a write member does not set the team
        fixture.given(registeredOnFirstMarch(), new com.customerarchive.events.CustomerTeamChangedEvent(ID, team))
                .when(new SetTeamCommand(ID, java.util.List.of()), java.util.Map.of(OwnerScope.METADATA,
                        java.util.List.of("rep-2"), EventMetadata.ACTOR, "rep-2", EventMetadata.BUSINESS_DAY, "2026-03-05"))
                .expectException(OutOfScopeException.class).expectNoEvents();
    }

    @Test
    void a_handover_may_keep_the_old_owner_on_the_team() {
        fixture.given(registeredOnFirstMarch())
                .when(new HandOverCustomerCommand(ID, "rep-1", "rep-2", "rep-1 left", com.customerarchive.events.TeamAccess.READ))
                .expectEvents(new OwnerTransferredEvent(ID, "rep-1", "rep-2", "rep-1 left"),
                        new com.customerarchive.events.CustomerTeamChangedEvent(ID, java.util.List.of(
                                new com.customerarchive.events.TeamMember("rep-1", com.customerarchive.events.TeamAccess.READ, null))));
    }

    /** A visit at 09:00 UTC on {@code day}, sent by {@code rep} whose own scope is itself. */
    private org.axonframework.commandhandling.CommandMessage<?> visitBy(String rep, String day) {
        return new org.axonframework.commandhandling.GenericCommandMessage<>(new RecordVisitCommand(ID, null,
                Instant.parse(day + "T09:00:00Z"), VisitMethod.PHONE, null, null, null, null),
                MetaData.with(OwnerScope.METADATA, java.util.List.of(rep)).and(EventMetadata.ACTOR, rep)
                        .and(EventMetadata.BUSINESS_DAY, day));
    }

    private static CustomerReturnedToPoolEvent returned() {
        return new CustomerReturnedToPoolEvent(ID, "HZ", "rep-1", ReturnCause.NO_FOLLOW_UP, 15,
                "no follow-up for 15 days, grade B");
    }

    private static PurchaseRecordedEvent purchase(String at) {
        return new PurchaseRecordedEvent(ID, 1, "PO-1", "Tea", BigDecimal.ONE, new BigDecimal("10.00"), "CNY",
                Instant.parse(at));
    }
}
