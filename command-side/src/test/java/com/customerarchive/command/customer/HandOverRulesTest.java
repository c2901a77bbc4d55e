package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/** One customer of a handover: moved only while it is still the old owner's (rep-1 registered it). */
class HandOverRulesTest {

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    @Test
    void the_old_owners_customer_moves_to_the_new_owner_with_the_reason() {
        fixture.given(registered())
                .when(new HandOverCustomerCommand(ID, "rep-1", "rep-2", "rep-1 left"))
                .expectEvents(new OwnerTransferredEvent(ID, "rep-1", "rep-2", "rep-1 left"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void a_customer_given_to_someone_else_meanwhile_stays_and_one_already_moved_is_not_moved_again() {
        fixture.given(registered(), new OwnerTransferredEvent(ID, "rep-1", "rep-3", "rep-3 took it over"))
                .when(new HandOverCustomerCommand(ID, "rep-1", "rep-2", "rep-1 left"))
                .expectException(breaks(Rule.OWNER_CHANGED)).expectNoEvents();
        fixture.given(registered(), new OwnerTransferredEvent(ID, "rep-1", "rep-2", "rep-1 left"))
                .when(new HandOverCustomerCommand(ID, "rep-1", "rep-2", "rep-1 left"))
                .expectException(breaks(Rule.SAME_OWNER)).expectNoEvents();
    }

    @Test
    void an_archived_customer_stays_with_its_owner() {
        fixture.given(registered(), new CustomerArchivedEvent(ID, "shop closed"))
                .when(new HandOverCustomerCommand(ID, "rep-1", "rep-2", "rep-1 left"))
                .expectException(breaks(Rule.CUSTOMER_ARCHIVED)).expectNoEvents();
    }
}
