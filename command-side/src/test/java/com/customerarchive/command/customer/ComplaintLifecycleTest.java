package com.customerarchive.command.customer;

import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.Responsibility;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.COMPLAINT;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.complaintFiled;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

class ComplaintLifecycleTest {

    private static final ComplaintAssignedEvent ASSIGNED = new ComplaintAssignedEvent(ID, COMPLAINT, "rep-7");
    private static final ComplaintResolvedEvent RESOLVED =
            new ComplaintResolvedEvent(ID, COMPLAINT, "re-delivered with a discount", Responsibility.OURS);
    private static final ComplaintFollowedUpEvent FOLLOWED_UP =
            new ComplaintFollowedUpEvent(ID, COMPLAINT, 4, "satisfied");
    private static final ComplaintClosedEvent CLOSED = new ComplaintClosedEvent(ID, COMPLAINT);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    @Test
    void a_complaint_is_filed_with_category_severity_and_description() {
        ComplaintFiledEvent filed = complaintFiled();
        fixture.given(registered())
                .when(new FileComplaintCommand(ID, null, COMPLAINT, filed.category(), filed.severity(),
                        filed.description(), filed.channel()))
                .expectEvents(filed)
                .expectResultMessagePayload(2L);
    }

    @Test
    void a_filed_complaint_is_assigned_to_someone_responsible() {
        fixture.given(registered(), complaintFiled())
                .when(new AssignComplaintCommand(ID, null, COMPLAINT, "rep-7"))
                .expectEvents(ASSIGNED);
    }

    @Test
    void an_assigned_complaint_is_resolved_with_whose_responsibility_it_was() {
        fixture.given(registered(), complaintFiled(), ASSIGNED)
                .when(new ResolveComplaintCommand(ID, null, COMPLAINT, RESOLVED.resolution(), Responsibility.OURS))
                .expectEvents(RESOLVED);
    }

    @Test
    void a_complaint_without_an_assignee_cannot_be_resolved() {
        fixture.given(registered(), complaintFiled())
                .when(new ResolveComplaintCommand(ID, null, COMPLAINT, "done", Responsibility.CUSTOMER))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_NOT_ASSIGNED));
    }

    @Test
    void a_resolved_complaint_is_not_resolved_or_assigned_again() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                .when(new ResolveComplaintCommand(ID, null, COMPLAINT, "again", Responsibility.OURS))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_ALREADY_RESOLVED));
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                .when(new AssignComplaintCommand(ID, null, COMPLAINT, "rep-8"))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_ALREADY_RESOLVED));
    }

    @Test
    void the_return_visit_follows_the_resolution() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                .when(new FollowUpComplaintCommand(ID, null, COMPLAINT, 4, "satisfied"))
                .expectEvents(FOLLOWED_UP);
    }

    @Test
    void a_complaint_is_not_followed_up_before_it_is_resolved() {
        fixture.given(registered(), complaintFiled(), ASSIGNED)
                .when(new FollowUpComplaintCommand(ID, null, COMPLAINT, 4, "too early"))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_NOT_RESOLVED));
    }

    @Test
    void satisfaction_outside_one_to_five_is_refused() {
        for (int satisfaction : new int[]{0, 6, -1}) {
            fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                    .when(new FollowUpComplaintCommand(ID, null, COMPLAINT, satisfaction, null))
                    .expectNoEvents()
                    .expectException(breaks(Rule.SATISFACTION_OUT_OF_RANGE));
        }
    }

    @Test
    void a_followed_up_complaint_is_closed() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED, FOLLOWED_UP)
                .when(new CloseComplaintCommand(ID, null, COMPLAINT))
                .expectEvents(CLOSED);
    }

    @Test
    void a_complaint_is_not_closed_before_its_return_visit() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                .when(new CloseComplaintCommand(ID, null, COMPLAINT))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_NOT_FOLLOWED_UP));
    }

    @Test
    void a_resolved_or_closed_complaint_can_be_reopened_with_a_reason() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                .when(new ReopenComplaintCommand(ID, null, COMPLAINT, "the replacement broke too"))
                .expectEvents(new ComplaintReopenedEvent(ID, COMPLAINT, "the replacement broke too"));
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED, FOLLOWED_UP, CLOSED)
                .when(new ReopenComplaintCommand(ID, null, COMPLAINT, "same fault again"))
                .expectEvents(new ComplaintReopenedEvent(ID, COMPLAINT, "same fault again"));
    }

    @Test
    void an_open_complaint_cannot_be_reopened() {
        fixture.given(registered(), complaintFiled(), ASSIGNED)
                .when(new ReopenComplaintCommand(ID, null, COMPLAINT, "?"))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_STILL_OPEN));
    }

    @Test
    void reopening_needs_a_reason() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED)
                .when(new ReopenComplaintCommand(ID, null, COMPLAINT, null))
                .expectNoEvents()
                .expectException(breaks(Rule.REASON_REQUIRED));
    }

    @Test
    void a_reopened_complaint_keeps_its_assignee_and_can_be_resolved_again() {
        fixture.given(registered(), complaintFiled(), ASSIGNED, RESOLVED,
                        new ComplaintReopenedEvent(ID, COMPLAINT, "broke again"))
                .when(new ResolveComplaintCommand(ID, null, COMPLAINT, "replaced", Responsibility.THIRD_PARTY))
                .expectEvents(new ComplaintResolvedEvent(ID, COMPLAINT, "replaced", Responsibility.THIRD_PARTY));
    }

    @Test
    void a_step_on_an_unknown_complaint_is_refused_as_not_found() {
        fixture.given(registered(), complaintFiled())
                .when(new AssignComplaintCommand(ID, null,
                        new com.customerarchive.events.ComplaintId(UUID.randomUUID()), "rep-7"))
                .expectNoEvents()
                .expectException(ComplaintNotFoundException.class);
    }

    @Test
    void each_complaint_keeps_its_own_state() {
        var second = new com.customerarchive.events.ComplaintId(UUID.randomUUID());
        fixture.given(registered(), complaintFiled(), ASSIGNED,
                        new ComplaintFiledEvent(ID, second, complaintFiled().category(), complaintFiled().severity(),
                                "second", null))
                .when(new ResolveComplaintCommand(ID, null, second, "done", Responsibility.OURS))
                .expectNoEvents()
                .expectException(breaks(Rule.COMPLAINT_NOT_ASSIGNED));
    }
}
