package com.customerarchive.command.customer;

import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardIssuedEvent;
import com.customerarchive.events.MembershipCardReissuedEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardUsedEvent;
import com.customerarchive.events.MembershipTier;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static com.customerarchive.command.customer.CustomerFixtures.breaks;
import static com.customerarchive.command.customer.CustomerFixtures.ID;
import static com.customerarchive.command.customer.CustomerFixtures.registered;

/** One fixture test per rule of the membership card (DOMAIN.md, "Membership card"). */
class MembershipCardRulesTest {

    private static final String NOW = "2026-03-02T09:00:00Z";
    private static final Map<String, Object> AT_NOW = Map.of(EventMetadata.OCCURRED_AT, NOW,
            EventMetadata.BUSINESS_DAY, "2026-03-02");
    private static final String CARD = "8886000000000001";
    private static final String NEW_CARD = "8886000000000019";
    private static final MembershipCardIssuedEvent ISSUED = new MembershipCardIssuedEvent(ID, CARD, MembershipTier.GOLD,
            LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), new BigDecimal("200.00"));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }


    private static UseMembershipCardCommand use(String number, String at) {
        return new UseMembershipCardCommand(ID, null, number, "SH-01", at == null ? null : Instant.parse(at), null);
    }

    @Test
    void a_card_is_issued_after_the_identity_check_valid_from_the_day_of_issue() {
        fixture.given(registered())
                .when(new IssueMembershipCardCommand(ID, null, CARD, MembershipTier.GOLD, LocalDate.parse("2027-03-01"),
                        new BigDecimal("200.00"), true), AT_NOW)
                .expectEvents(new MembershipCardIssuedEvent(ID, CARD, MembershipTier.GOLD, LocalDate.parse("2026-03-02"),
                        LocalDate.parse("2027-03-01"), new BigDecimal("200.00")))
                .expectResultMessagePayload(new RecordedCard(CARD, 2));
        fixture.given(registered())
                .when(new IssueMembershipCardCommand(ID, null, CARD, MembershipTier.GOLD, LocalDate.parse("2027-03-01"),
                        new BigDecimal("200.00"), false), AT_NOW)
                .expectException(breaks(Rule.IDENTITY_NOT_CHECKED));
    }

    @Test
    void a_second_live_card_is_refused() {
        fixture.given(registered(), ISSUED)
                .when(new IssueMembershipCardCommand(ID, null, NEW_CARD, MembershipTier.STANDARD,
                        LocalDate.parse("2027-03-01"), BigDecimal.TEN, true), AT_NOW)
                .expectException(breaks(Rule.MEMBERSHIP_CARD_HELD));
    }

    @Test
    void a_cancelled_card_is_not_renewed_and_a_renewal_must_extend_the_end_date() {
        fixture.given(registered(), ISSUED, new MembershipCardCancelledEvent(ID, CARD, "moved away"))
                .when(new RenewMembershipCardCommand(ID, null, LocalDate.parse("2027-12-31"), BigDecimal.TEN), AT_NOW)
                .expectException(breaks(Rule.MEMBERSHIP_CARD_NOT_LIVE));
        fixture.given(registered(), ISSUED)
                .when(new RenewMembershipCardCommand(ID, null, LocalDate.parse("2026-12-31"), BigDecimal.TEN), AT_NOW)
                .expectException(breaks(Rule.RENEWAL_NOT_EXTENDING));
        fixture.given(registered(), ISSUED)
                .when(new RenewMembershipCardCommand(ID, null, LocalDate.parse("2027-12-31"), BigDecimal.TEN), AT_NOW)
                .expectEvents(new MembershipCardRenewedEvent(ID, CARD, LocalDate.parse("2027-12-31"), BigDecimal.TEN));
    }

    @Test
    void a_live_card_in_its_validity_is_not_reissued_a_lost_one_is_under_a_new_number() {
        fixture.given(registered(), ISSUED)
                .when(new ReissueMembershipCardCommand(ID, null, NEW_CARD, BigDecimal.TEN), AT_NOW)
                .expectException(breaks(Rule.MEMBERSHIP_CARD_NOT_LOST));
        fixture.given(registered(), ISSUED, new MembershipCardReportedLostEvent(ID, CARD))
                .when(new ReissueMembershipCardCommand(ID, null, NEW_CARD, BigDecimal.TEN), AT_NOW)
                .expectEvents(new MembershipCardReissuedEvent(ID, CARD, NEW_CARD, LocalDate.parse("2026-12-31"),
                        BigDecimal.TEN));
    }

    @Test
    void a_use_after_the_report_of_loss_and_of_a_replaced_number_is_refused() {
        fixture.given(registered(), ISSUED, new MembershipCardReportedLostEvent(ID, CARD))
                .when(use(CARD, null), AT_NOW)
                .expectException(breaks(Rule.MEMBERSHIP_CARD_REPORTED_LOST));
        fixture.given(registered(), ISSUED, new MembershipCardReportedLostEvent(ID, CARD),
                        reissuedOn("2026-02-01T00:00:00Z"))
                .when(use(CARD, null), AT_NOW)
                .expectException(breaks(Rule.MEMBERSHIP_CARD_REPLACED));
        fixture.given(registered(), ISSUED, new MembershipCardReportedLostEvent(ID, CARD),
                        reissuedOn("2026-02-01T00:00:00Z"))
                .when(use(NEW_CARD, null), AT_NOW)
                .expectEvents(new MembershipCardUsedEvent(ID, NEW_CARD, 1, "SH-01", Instant.parse(NOW), null));
    }

    @Test
    void a_use_outside_the_validity_is_refused_and_uses_are_numbered() {
        fixture.given(registered(), ISSUED)
                .when(use(CARD, "2027-01-05T10:00:00Z"), Map.of(EventMetadata.OCCURRED_AT, "2027-01-05T10:00:00Z",
                        EventMetadata.BUSINESS_DAY, "2027-01-05"))
                .expectException(breaks(Rule.MEMBERSHIP_CARD_OUTSIDE_VALIDITY));
        fixture.given(registered(), ISSUED, new MembershipCardUsedEvent(ID, CARD, 1, "SH-01", Instant.parse(NOW), null))
                .when(use(CARD, null), AT_NOW)
                .expectEvents(new MembershipCardUsedEvent(ID, CARD, 2, "SH-01", Instant.parse(NOW), null))
                .expectResultMessagePayload(new RecordedUse(2, 4));
    }

    private static GenericDomainEventMessage<MembershipCardReissuedEvent> reissuedOn(String at) {
        return new GenericDomainEventMessage<>("Customer", ID.toString(), 3,
                new MembershipCardReissuedEvent(ID, CARD, NEW_CARD, LocalDate.parse("2026-12-31"), BigDecimal.TEN),
                MetaData.with(EventMetadata.OCCURRED_AT, at));
    }
}
