package com.customerarchive.query.membership;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardIssuedEvent;
import com.customerarchive.events.MembershipCardReissuedEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardTierChangedEvent;
import com.customerarchive.events.MembershipCardUsedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.pass.Tables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Membership cards as their events left them, and one activity row per card event. A card row is written with set
 * values in event order (applied twice, the same); activity rows are keyed by (customer, sequence).
 */
@Component
class MembershipProjection implements ReadModel {

    static final String NAME = "membership-cards";
    static final String CARDS = "membership_card";
    static final String ACTIVITY = "membership_activity";
    private static final List<Column> ACTIVITY_COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("occurred_at"), Column.of("card_number"), Column.of("kind"), Column.of("tier"), Column.of("fee"),
            Column.of("outlet"));

    private final JdbcClient jdbc;
    private final RowAppender appender;
    private final BusinessZone zone;

    MembershipProjection(JdbcClient jdbc, RowAppender appender, BusinessZone zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.appender = appender;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(CARDS, ACTIVITY);
    }

    private record Change(String sql, Map<String, Object> parameters) {
    }

    @Override
    public Writer writer(Tables tables) {
        List<Change> changes = new ArrayList<>();
        List<Object[]> activity = new ArrayList<>();
        String cards = tables.of(CARDS);
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                for (PassEvent passEvent : events) {
                    CustomerEvent event = passEvent.event();
                    Timestamp at = Timestamp.from(passEvent.context().occurredAt());
                    if (event instanceof MembershipCardIssuedEvent issued) {
                        changes.add(new Change("INSERT INTO " + cards + " (card_number, customer_id, tier, status, "
                                + "valid_from, valid_until, issued_at) VALUES (:number, :customer, :tier, 'LIVE', :from, "
                                + ":until, :at) ON CONFLICT (card_number) DO NOTHING", Map.of("number", issued.cardNumber(),
                                "customer", passEvent.customerId(), "tier", issued.tier().name(),
                                "from", Date.valueOf(issued.validFrom()), "until", Date.valueOf(issued.validUntil()),
                                "at", at)));
                        activity.add(row(passEvent, issued.cardNumber(), "ISSUED", issued.tier().name(), issued.fee(), null));
                    } else if (event instanceof MembershipCardRenewedEvent renewed) {
                        changes.add(set(cards, "valid_until = :until", renewed.cardNumber(),
                                Map.of("until", Date.valueOf(renewed.validUntil()))));
                        activity.add(row(passEvent, renewed.cardNumber(), "RENEWED", null, renewed.fee(), null));
                    } else if (event instanceof MembershipCardTierChangedEvent changed) {
                        changes.add(set(cards, "tier = :tier", changed.cardNumber(), Map.of("tier", changed.to().name())));
                        activity.add(row(passEvent, changed.cardNumber(), "TIER_CHANGED", changed.to().name(), null, null));
                    } else if (event instanceof MembershipCardReportedLostEvent lost) {
                        changes.add(set(cards, "status = 'REPORTED_LOST'", lost.cardNumber(), Map.of()));
                        activity.add(row(passEvent, lost.cardNumber(), "REPORTED_LOST", null, null, null));
                    } else if (event instanceof MembershipCardReissuedEvent reissued) {
                        changes.add(new Change("INSERT INTO " + cards + " (card_number, customer_id, tier, status, "
                                + "valid_from, valid_until, issued_at) SELECT :number, customer_id, tier, 'LIVE', "
                                + "least(CAST(:on AS date), :until), :until, :at FROM " + cards + " WHERE card_number = :old "
                                + "ON CONFLICT (card_number) DO NOTHING", Map.of("number", reissued.cardNumber(),
                                "old", reissued.oldCardNumber(), "until", Date.valueOf(reissued.validUntil()),
                                "on", Date.valueOf(zone.dayOf(passEvent.context().occurredAt())), "at", at)));
                        changes.add(set(cards, "status = 'REPLACED', replaced_by = :replacedBy", reissued.oldCardNumber(),
                                Map.of("replacedBy", reissued.cardNumber())));
                        activity.add(row(passEvent, reissued.cardNumber(), "REISSUED", null, reissued.fee(), null));
                    } else if (event instanceof MembershipCardCancelledEvent cancelled) {
                        changes.add(set(cards, "status = 'CANCELLED'", cancelled.cardNumber(), Map.of()));
                        activity.add(row(passEvent, cancelled.cardNumber(), "CANCELLED", null, null, null));
                    } else if (event instanceof MembershipCardUsedEvent used) {
                        activity.add(row(passEvent, used.cardNumber(), "USED", null, used.amount(), used.outlet()));
                    }
                }
            }

            @Override
            public void flush() {
                for (Change change : changes) {
                    jdbc.sql(change.sql()).params(change.parameters()).update();
                }
                appender.append(tables, ACTIVITY, ACTIVITY_COLUMNS, "customer_id, sequence", activity);
                changes.clear();
                activity.clear();
            }
        };
    }

    private static Change set(String cards, String assignments, String cardNumber, Map<String, Object> parameters) {
        Map<String, Object> all = new java.util.HashMap<>(parameters);
        all.put("number", cardNumber);
        return new Change("UPDATE " + cards + " SET " + assignments + " WHERE card_number = :number", all);
    }

    private static Object[] row(PassEvent event, String cardNumber, String kind, String tier, Object fee, String outlet) {
        return new Object[]{event.customerId(), event.sequence(), event.context().occurredAt(), cardNumber, kind, tier,
                fee, outlet};
    }
}
