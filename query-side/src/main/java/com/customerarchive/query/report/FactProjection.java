package com.customerarchive.query.report;

import com.customerarchive.events.Address;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardIssuedEvent;
import com.customerarchive.events.MembershipCardReissuedEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardTierChangedEvent;
import com.customerarchive.events.OwnerChange;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.ShipmentRecordedEvent;
import com.customerarchive.events.CollectionRecordedEvent;
import com.customerarchive.events.CollectionReversedEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ReferrerRecordedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.core.EventContext;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.query.privacy.Redaction;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts the reports fold ({@code report_fact}): one row per event that moves a figure, keyed by (customer,
 * sequence) so an event applied twice is written once. Personal facts (province, city, referrer) are removed when
 * the customer's personal data is erased or the address destroyed.
 */
@Component
class FactProjection implements ReadModel {

    static final String NAME = "report-facts";
    static final String FACTS = "report_fact";

    private static final List<Column> COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("occurred_at"), Column.of("recorded_at"), Column.of("type"), Column.json("facts"));

    private final RowAppender appender;
    private final JdbcClient jdbc;

    FactProjection(RowAppender appender, JdbcClient jdbc) {
        this.appender = appender;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(FACTS);
    }

    @Override
    public Writer writer(Tables tables) {
        List<Object[]> rows = new ArrayList<>();
        List<Erasure> erased = new ArrayList<>();
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                for (PassEvent event : events) {
                    Erasure.of(event.event()).ifPresent(erasure -> {
                        erased.add(erasure);
                        rows.replaceAll(row -> row[0].equals(erasure.customerId()) ? blanked(row, erasure) : row);
                    });
                    ObjectNode facts = facts(event.event());
                    if (facts != null) {
                        EventContext context = event.context();
                        rows.add(new Object[]{event.customerId(), event.sequence(), context.occurredAt(),
                                context.recordedAt(), EventContext.typeOf(event.event()), facts});
                    }
                }
            }

            @Override
            public void flush() {
                List<Object[]> written = rows.stream().map(row -> new Object[]{row[0], row[1], row[2], row[3], row[4],
                        row[5].toString()}).toList();
                appender.append(tables, FACTS, COLUMNS, "customer_id, sequence", written);
                for (Erasure erasure : erased) {
                    jdbc.sql("UPDATE " + tables.of(FACTS) + " SET facts = facts - CAST(:keys AS text[]) "
                                    + "WHERE customer_id = :id AND jsonb_exists_any(facts, CAST(:keys AS text[]))")
                            .param("keys", com.customerarchive.query.core.SqlArrays.texts(personalKeys(erasure)))
                            .param("id", erasure.customerId()).update();
                }
                rows.clear();
                erased.clear();
            }
        };
    }

    /** The personal facts an erasure removes: the address's province and city, and (erasing all) the referrer. */
    static List<String> personalKeys(Erasure erasure) {
        List<String> keys = new ArrayList<>();
        if (erasure.covers("basic.address")) {
            keys.add(Fact.PROVINCE);
            keys.add(Fact.CITY);
        }
        if (erasure.field() == null) {
            keys.add(Fact.REFERRER);
        }
        return keys;
    }

    private static Object[] blanked(Object[] row, Erasure erasure) {
        ObjectNode facts = ((ObjectNode) row[5]).deepCopy();
        facts.remove(personalKeys(erasure));
        return new Object[]{row[0], row[1], row[2], row[3], row[4], facts};
    }

    /** The facts of an event that moves a figure; null for one that moves none. */
    static ObjectNode facts(CustomerEvent event) {
        ObjectNode facts = JsonNodeFactory.instance.objectNode();
        if (event instanceof CustomerRegisteredEvent registered) {
            facts.put(Fact.GRADE, name(registered.grade()));
            facts.put(Fact.OWNER, registered.ownerId());
            facts.put(Fact.SOURCE, name(registered.source()));
            facts.put(Fact.TIER, name(registered.tier()));
            facts.put(Fact.NATURE, name(registered.nature()));
            facts.put(Fact.KIND, name(registered.kind()));
            card(facts, registered.card());
        } else if (event instanceof ProfileCardEditedEvent edited) {
            card(facts, edited.card());
        } else if (event instanceof GradeChangedEvent changed) {
            facts.put(Fact.GRADE, name(changed.to()));
            facts.put(Fact.FROM, name(changed.from()));
        } else if (event instanceof OwnerChange moved) {
            facts.put(Fact.OWNER, moved.newOwnerId());
            if (event instanceof com.customerarchive.events.CustomerReturnedToPoolEvent returned) {
                facts.put(Fact.REASON, returned.reason());
            }
        } else if (event instanceof CustomerArchivedEvent archived) {
            facts.put(Fact.REASON, archived.reason());
        } else if (event instanceof CustomerReactivatedEvent) {
            return facts;
        } else if (event instanceof CustomerMergedEvent merged) {
            facts.put(Fact.MERGED_INTO, merged.mergedInto().toString());
        } else if (event instanceof ReferrerRecordedEvent referrer) {
            personal(facts, Fact.REFERRER, referrer.referredBy());
        } else if (event instanceof VisitRecordedEvent visit) {
            facts.put(Fact.METHOD, name(visit.method()));
            instant(facts, Fact.AT, visit.visitedAt());
            if (visit.storeCheck() != null) {
                facts.put(Fact.NUMBER, visit.visitNo());
                var check = facts.putArray(Fact.CHECK);
                for (com.customerarchive.events.StoreCheckLine line : visit.storeCheck()) {
                    ObjectNode one = check.addObject().put(Fact.SKU, line.sku()).put(Fact.STOCK, line.stock())
                            .put(Fact.DELIVERED, line.delivered() == null ? BigDecimal.ZERO : line.delivered())
                            .put(Fact.MERCHANDISED, Boolean.TRUE.equals(line.merchandised()));
                    if (line.sold() != null) {
                        one.put(Fact.SOLD, line.sold());
                    }
                }
            }
        } else if (event instanceof com.customerarchive.events.RouteAssignedEvent assigned) {
            var route = assigned.route();
            if (route == null) {
                facts.putNull(Fact.ROUTE);
            } else {
                ObjectNode on = facts.putObject(Fact.ROUTE).put("branch", route.branch()).put("routeNo", route.routeNo())
                        .put("sequence", route.sequence()).put("weekday", name(route.weekday()));
                var weeks = on.putArray("visitWeeks");
                route.visitWeeks().forEach(weeks::add);
            }
            facts.put(Fact.TRADE_TYPE, assigned.tradeType());
        } else if (event instanceof PurchaseRecordedEvent purchase) {
            facts.put(Fact.NUMBER, purchase.purchaseNo());
            facts.put(Fact.AMOUNT, purchase.amount());
            facts.put(Fact.CURRENCY, purchase.currency());
            instant(facts, Fact.AT, purchase.purchasedAt());
        } else if (event instanceof PurchaseCancelledEvent cancelled) {
            facts.put(Fact.NUMBER, cancelled.purchaseNo());
        } else if (event instanceof ComplaintFiledEvent filed) {
            facts.put(Fact.COMPLAINT, filed.complaintId().toString());
            facts.put(Fact.CATEGORY, name(filed.category()));
            facts.put(Fact.SEVERITY, name(filed.severity()));
        } else if (event instanceof ComplaintAssignedEvent assigned) {
            facts.put(Fact.COMPLAINT, assigned.complaintId().toString());
        } else if (event instanceof ComplaintResolvedEvent resolved) {
            facts.put(Fact.COMPLAINT, resolved.complaintId().toString());
            facts.put(Fact.RESPONSIBILITY, name(resolved.responsibility()));
        } else if (event instanceof ComplaintFollowedUpEvent followedUp) {
            facts.put(Fact.COMPLAINT, followedUp.complaintId().toString());
            facts.put(Fact.SATISFACTION, followedUp.satisfaction());
        } else if (event instanceof ComplaintClosedEvent closed) {
            facts.put(Fact.COMPLAINT, closed.complaintId().toString());
        } else if (event instanceof ComplaintReopenedEvent reopened) {
            facts.put(Fact.COMPLAINT, reopened.complaintId().toString());
        } else if (event instanceof MembershipCardIssuedEvent issued) {
            card(facts, issued.cardNumber(), issued.fee());
            facts.put(Fact.TIER, name(issued.tier()));
            facts.put(Fact.UNTIL, String.valueOf(issued.validUntil()));
        } else if (event instanceof MembershipCardRenewedEvent renewed) {
            card(facts, renewed.cardNumber(), renewed.fee());
            facts.put(Fact.UNTIL, String.valueOf(renewed.validUntil()));
        } else if (event instanceof MembershipCardReissuedEvent reissued) {
            card(facts, reissued.cardNumber(), reissued.fee());
            facts.put(Fact.REPLACES, reissued.oldCardNumber());
            facts.put(Fact.UNTIL, String.valueOf(reissued.validUntil()));
        } else if (event instanceof MembershipCardReportedLostEvent lost) {
            card(facts, lost.cardNumber(), null);
        } else if (event instanceof MembershipCardCancelledEvent cancelled) {
            card(facts, cancelled.cardNumber(), null);
        } else if (event instanceof MembershipCardTierChangedEvent changed) {
            card(facts, changed.cardNumber(), null);
            facts.put(Fact.TIER, name(changed.to()));
        } else if (event instanceof ShipmentRecordedEvent shipped) {
            facts.put(Fact.NUMBER, shipped.shipmentNo());
            facts.put(Fact.PURCHASE_NO, shipped.purchaseNo());
            facts.put(Fact.REFERENCE, shipped.reference());
            facts.put(Fact.AMOUNT, shipped.amount());
            facts.put(Fact.CURRENCY, shipped.currency());
            facts.put(Fact.DUE, String.valueOf(shipped.dueOn()));
            facts.put(Fact.FROM_CREDIT, shipped.fromCredit() == null ? BigDecimal.ZERO : shipped.fromCredit());
            instant(facts, Fact.AT, shipped.shippedAt());
        } else if (event instanceof CollectionRecordedEvent received) {
            facts.put(Fact.NUMBER, received.collectionNo());
            facts.put(Fact.REFERENCE, received.reference());
            facts.put(Fact.AMOUNT, received.amount());
            facts.put(Fact.CURRENCY, received.currency());
            allocations(facts, received.allocations());
            instant(facts, Fact.AT, received.receivedAt());
        } else if (event instanceof CollectionReversedEvent reversed) {
            facts.put(Fact.NUMBER, reversed.collectionNo());
            facts.put(Fact.REFERENCE, reversed.reference());
            facts.put(Fact.REASON, reversed.reason());
            allocations(facts, reversed.reopened());
            instant(facts, Fact.AT, reversed.reversedAt());
        } else {
            return null;
        }
        return facts;
    }

    private static void allocations(ObjectNode facts, List<CollectionRecordedEvent.Allocation> allocations) {
        var array = facts.putArray(Fact.ALLOCATIONS);
        for (CollectionRecordedEvent.Allocation allocation : allocations) {
            array.addObject().put(Fact.SHIPMENT, allocation.shipmentNo()).put(Fact.AMOUNT, allocation.amount());
        }
    }

    private static void card(ObjectNode facts, ProfileCard card) {
        BasicSection basic = card == null ? null : card.basic();
        Address address = basic == null ? null : basic.address();
        if (address != null) {
            personal(facts, Fact.PROVINCE, address.province());
            personal(facts, Fact.CITY, address.city());
        }
        if (basic != null && basic.industry() != null) {
            facts.put(Fact.INDUSTRY, basic.industry());
        }
        var filled = facts.putArray(Fact.FILLED);
        if (card != null) {
            com.customerarchive.events.card.CardFields.of(card).keySet().forEach(filled::add);
        }
    }

    private static void card(ObjectNode facts, String cardNumber, BigDecimal fee) {
        facts.put(Fact.CARD, cardNumber);
        if (fee != null) {
            facts.put(Fact.AMOUNT, fee);
            facts.put(Fact.CURRENCY, Fact.FEE_CURRENCY);
        }
    }

    /** A personal value: left out where it is already erased or withheld. */
    private static void personal(ObjectNode facts, String key, String value) {
        if (value != null && !value.equals(Redaction.ERASED) && !value.equals(Redaction.WITHHELD)) {
            facts.put(key, value);
        }
    }

    private static void instant(ObjectNode facts, String key, Instant at) {
        if (at != null) {
            facts.put(key, at.toString());
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
