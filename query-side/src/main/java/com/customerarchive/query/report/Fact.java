package com.customerarchive.query.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as the reports see it: its place in the customer's stream, when it happened in the business (a visit's
 * or a purchase's own time where it has one), when the archive learnt of it, its type and its facts.
 */
record Fact(UUID customerId, long sequence, Instant occurredAt, Instant recordedAt, String type, JsonNode facts) {

    static final String GRADE = "grade";
    static final String FROM = "from";
    static final String OWNER = "owner";
    static final String SOURCE = "source";
    static final String TIER = "tier";
    static final String NATURE = "nature";
    static final String PROVINCE = "province";
    static final String CITY = "city";
    static final String INDUSTRY = "industry";
    static final String REASON = "reason";
    static final String REFERRER = "referrer";
    static final String METHOD = "method";
    static final String AT = "at";
    static final String NUMBER = "number";
    static final String AMOUNT = "amount";
    static final String CURRENCY = "currency";
    static final String COMPLAINT = "complaint";
    static final String CATEGORY = "category";
    static final String SEVERITY = "severity";
    static final String RESPONSIBILITY = "responsibility";
    static final String SATISFACTION = "satisfaction";
    static final String CARD = "card";
    static final String UNTIL = "until";
    static final String REPLACES = "replaces";
    static final String MERGED_INTO = "mergedInto";
    /** The customer's kind (individual or organisation), on its registration. */
    static final String KIND = "kind";
    /** The card's filled-in fields (their paths, no values) on a registration or an edit: completeness is scored from them. */
    static final String FILLED = "filled";
    /** Membership fees are recorded without a currency: they are in CNY. */
    static final String FEE_CURRENCY = "CNY";

    static final String REGISTERED = "CustomerRegistered";
    static final String CARD_EDITED = "ProfileCardEdited";
    static final String GRADE_CHANGED = "GradeChanged";
    static final String OWNER_TRANSFERRED = "OwnerTransferred";
    static final String RETURNED_TO_POOL = "CustomerReturnedToPool";
    static final String CLAIMED = "CustomerClaimed";
    static final String ASSIGNED = "CustomerAssigned";
    static final String ARCHIVED = "CustomerArchived";
    static final String REACTIVATED = "CustomerReactivated";
    static final String MERGED = "CustomerMerged";
    static final String REFERRER_RECORDED = "ReferrerRecorded";
    static final String VISIT = "VisitRecorded";
    static final String PURCHASE = "PurchaseRecorded";
    static final String PURCHASE_CANCELLED = "PurchaseCancelled";
    static final String COMPLAINT_FILED = "ComplaintFiled";
    static final String COMPLAINT_RESOLVED = "ComplaintResolved";
    static final String COMPLAINT_FOLLOWED_UP = "ComplaintFollowedUp";
    static final String COMPLAINT_CLOSED = "ComplaintClosed";
    static final String COMPLAINT_REOPENED = "ComplaintReopened";
    static final String CARD_ISSUED = "MembershipCardIssued";
    static final String CARD_RENEWED = "MembershipCardRenewed";
    static final String CARD_REISSUED = "MembershipCardReissued";
    static final String CARD_REPORTED_LOST = "MembershipCardReportedLost";
    static final String CARD_CANCELLED = "MembershipCardCancelled";
    static final String CARD_TIER_CHANGED = "MembershipCardTierChanged";
    static final String SHIPMENT_RECORDED = "ShipmentRecorded";
    static final String COLLECTION_RECORDED = "CollectionRecorded";
    static final String COLLECTION_REVERSED = "CollectionReversed";
    static final String PURCHASE_NO = "purchase";
    static final String DUE = "due";
    static final String FROM_CREDIT = "fromCredit";
    static final String ALLOCATIONS = "allocations";
    static final String SHIPMENT = "shipment";
    static final String REFERENCE = "reference";
    static final String ROUTE = "route";
    static final String TRADE_TYPE = "tradeType";
    static final String CHECK = "check";
    static final String SKU = "sku";
    static final String STOCK = "stock";
    static final String DELIVERED = "delivered";
    static final String SOLD = "sold";
    static final String MERCHANDISED = "merchandised";
    static final String ROUTE_ASSIGNED = "RouteAssigned";

    /** When it happened: a visit's or purchase's own time where the event carries one, else its occurredAt. */
    Instant at() {
        JsonNode at = facts.get(AT);
        return at == null ? occurredAt : Instant.parse(at.asText());
    }

    String text(String key) {
        JsonNode value = facts.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    boolean has(String key) {
        return facts.has(key);
    }

    BigDecimal amount() {
        JsonNode value = facts.get(AMOUNT);
        return value == null || value.isNull() ? null : value.decimalValue();
    }

    int number(String key) {
        return facts.get(key).asInt();
    }
}
