package com.customerarchive.query.report;

import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One customer's facts as the archive knew them at a report's knownAt, in business-time order (then in stream order):
 * what it was at any instant, and what happened to it.
 */
final class Timeline {

    private final UUID customerId;
    private final List<Fact> facts;
    private final Set<Integer> cancelledPurchases = new HashSet<>();

    Timeline(UUID customerId, List<Fact> facts) {
        this.customerId = customerId;
        this.facts = new ArrayList<>(facts);
        this.facts.sort(Comparator.comparing(Fact::at).thenComparingLong(Fact::sequence));
        for (Fact fact : this.facts) {
            if (fact.type().equals(Fact.PURCHASE_CANCELLED)) {
                // a cancelled purchase was booked in error: once the archive knows, it counts nowhere, at no time
                cancelledPurchases.add(fact.number(Fact.NUMBER));
            }
        }
    }

    UUID customerId() {
        return customerId;
    }

    /** Whether its registration is known: a customer whose registration is not is left out of every report. */
    boolean registered() {
        return facts.stream().anyMatch(fact -> fact.type().equals(Fact.REGISTERED));
    }

    /** Whether it was merged into another customer by {@code at}. */
    boolean mergedBy(Instant at) {
        return facts.stream().anyMatch(fact -> fact.type().equals(Fact.MERGED) && !fact.at().isAfter(at));
    }

    Instant registeredAt() {
        return facts.stream().filter(fact -> fact.type().equals(Fact.REGISTERED)).findFirst().map(Fact::at)
                .orElse(null);
    }

    /** The events of these types, in business-time order. */
    List<Fact> events(String... types) {
        Set<String> wanted = Set.of(types);
        return facts.stream().filter(fact -> wanted.contains(fact.type())).toList();
    }

    /** The purchases that count (none cancelled), in business-time order. */
    List<Fact> purchases() {
        return facts.stream().filter(fact -> fact.type().equals(Fact.PURCHASE)
                && !cancelledPurchases.contains(fact.number(Fact.NUMBER))).toList();
    }

    /**
     * The customer as it stood at {@code at}: every fact that happened by then folded; null before its registration,
     * and from its merge into another customer on (a duplicate is counted as the customer it duplicates, once).
     */
    State at(Instant at) {
        State state = null;
        for (Fact fact : facts) {
            if (fact.at().isAfter(at)) {
                break;
            }
            if (fact.type().equals(Fact.MERGED)) {
                return null;
            }
            if (fact.type().equals(Fact.REGISTERED)) {
                state = registration(fact);
            } else if (state != null) {
                state.apply(fact);
            }
        }
        return state;
    }

    private static State registration(Fact fact) {
        State state = new State();
        state.registeredAt = fact.at();
        state.status = CustomerStatus.ACTIVE;
        state.grade = Grade.valueOf(fact.text(Fact.GRADE));
        state.owner = fact.text(Fact.OWNER);
        state.source = fact.text(Fact.SOURCE);
        state.tier = fact.text(Fact.TIER);
        state.nature = fact.text(Fact.NATURE);
        state.kind = fact.text(Fact.KIND);
        state.card(fact);
        return state;
    }

    /**
     * Hands each fact that happened by {@code until} in business-time order with the customer as it stood once that
     * fact happened (the same state object, moved on fact by fact: read it, do not keep it).
     */
    void walk(Instant until, java.util.function.BiConsumer<Fact, State> consumer) {
        State state = null;
        for (Fact fact : facts) {
            if (fact.at().isAfter(until) || fact.type().equals(Fact.MERGED)) {
                break;
            }
            if (fact.type().equals(Fact.REGISTERED)) {
                state = registration(fact);
            } else if (state != null) {
                state.apply(fact);
            }
            if (state != null) {
                consumer.accept(fact, state);
            }
        }
    }

    /** A shipment's receivable as it stood: the shipment's fact (amount, currency, due day) and what was still open. */
    record Receivable(Fact shipment, java.math.BigDecimal open) {

        java.time.LocalDate dueOn() {
            return java.time.LocalDate.parse(shipment.text(Fact.DUE));
        }

        String currency() {
            return shipment.text(Fact.CURRENCY);
        }

        /** Days past due on {@code day} while open; 0 when not yet due or settled. */
        long daysPastDue(java.time.LocalDate day) {
            return open.signum() > 0 ? com.customerarchive.events.money.CreditAccount.daysPastDue(dueOn(), day) : 0;
        }
    }

    /**
     * Its shipments' receivables as they stood at {@code until} (business time: shipped, collected and reversed by
     * then), by shipment number: each shipment's amount less what credit settled, less what collections settled, plus
     * what reversals opened again. Settled ones are kept with {@code open} 0.
     */
    Map<Integer, Receivable> receivables(Instant until) {
        Map<Integer, Fact> shipped = new java.util.TreeMap<>();
        Map<Integer, java.math.BigDecimal> open = new java.util.HashMap<>();
        for (Fact fact : facts) {
            if (fact.at().isAfter(until)) {
                break;
            }
            switch (fact.type()) {
                case Fact.SHIPMENT_RECORDED -> {
                    int number = fact.number(Fact.NUMBER);
                    shipped.put(number, fact);
                    open.merge(number, fact.amount().subtract(fact.facts().get(Fact.FROM_CREDIT).decimalValue()),
                            java.math.BigDecimal::add);
                }
                case Fact.COLLECTION_RECORDED, Fact.COLLECTION_REVERSED -> {
                    boolean reopens = fact.type().equals(Fact.COLLECTION_REVERSED);
                    for (com.fasterxml.jackson.databind.JsonNode allocation : fact.facts().get(Fact.ALLOCATIONS)) {
                        java.math.BigDecimal amount = allocation.get(Fact.AMOUNT).decimalValue();
                        open.merge(allocation.get(Fact.SHIPMENT).asInt(), reopens ? amount : amount.negate(),
                                java.math.BigDecimal::add);
                    }
                }
                default -> { }
            }
        }
        Map<Integer, Receivable> receivables = new LinkedHashMap<>();
        shipped.forEach((number, fact) -> receivables.put(number, new Receivable(fact,
                open.getOrDefault(number, java.math.BigDecimal.ZERO))));
        return receivables;
    }

    /** Its complaints filed by {@code until}, each with its steps by then, in filing order. */
    List<Complaint> complaints(Instant until) {
        Map<String, Complaint> complaints = new LinkedHashMap<>();
        for (Fact fact : facts) {
            if (fact.at().isAfter(until) || !fact.has(Fact.COMPLAINT)) {
                continue;
            }
            String id = fact.text(Fact.COMPLAINT);
            if (fact.type().equals(Fact.COMPLAINT_FILED)) {
                complaints.put(id, new Complaint(fact));
            } else if (complaints.containsKey(id)) {
                complaints.get(id).apply(fact);
            }
        }
        return List.copyOf(complaints.values());
    }

    /** A customer's attributes at an instant. */
    static final class State {
        Instant registeredAt;
        CustomerStatus status;
        Instant archivedAt;
        String archiveReason;
        Grade grade;
        String owner;
        String source;
        String tier;
        String nature;
        String province;
        String city;
        String industry;
        /** Individual or organisation (null on facts recorded before it was kept: then from the nature). */
        String kind;
        /** The card's filled-in fields by then; null when its facts predate them (not scored). */
        List<String> filled;
        String referrer;
        Instant lastContactAt;
        /** The outlet's route (the fact's {branch, routeNo, sequence, visitWeeks, weekday}) and trade type; null: none. */
        com.fasterxml.jackson.databind.JsonNode route;
        String tradeType;
        /** The last store check by then: its visit's fact (its lines under {@code check}). */
        Fact lastCheck;

        String routeNo() {
            return route == null ? null : route.get("routeNo").asText();
        }

        String branch() {
            return route == null || route.get("branch") == null || route.get("branch").isNull() ? null
                    : route.get("branch").asText();
        }

        boolean visitedInCycleWeek(int cycleWeek) {
            if (route == null || route.get("visitWeeks") == null) {
                return false;
            }
            for (com.fasterxml.jackson.databind.JsonNode week : route.get("visitWeeks")) {
                if (week.asInt() == cycleWeek) {
                    return true;
                }
            }
            return false;
        }

        private void apply(Fact fact) {
            switch (fact.type()) {
                case Fact.CARD_EDITED -> card(fact);
                case Fact.GRADE_CHANGED -> grade = Grade.valueOf(fact.text(Fact.GRADE));
                // every owner change (a transfer, a return to the public pool, a claim, an assignment) moves the owner
                case Fact.OWNER_TRANSFERRED, Fact.RETURNED_TO_POOL, Fact.CLAIMED, Fact.ASSIGNED ->
                        owner = fact.text(Fact.OWNER);
                case Fact.ARCHIVED -> {
                    status = CustomerStatus.ARCHIVED;
                    archivedAt = fact.at();
                    archiveReason = fact.text(Fact.REASON);
                }
                case Fact.REACTIVATED -> {
                    status = CustomerStatus.ACTIVE;
                    archivedAt = null;
                    archiveReason = null;
                }
                case Fact.REFERRER_RECORDED -> referrer = fact.text(Fact.REFERRER);
                case Fact.ROUTE_ASSIGNED -> {
                    var on = fact.facts().get(Fact.ROUTE);
                    route = on == null || on.isNull() ? null : on;
                    tradeType = fact.text(Fact.TRADE_TYPE);
                }
                case Fact.VISIT, Fact.COMPLAINT_FOLLOWED_UP -> {
                    if (fact.has(Fact.CHECK)) {
                        lastCheck = fact;
                    }
                    if (lastContactAt == null || !fact.at().isBefore(lastContactAt)) {
                        lastContactAt = fact.at();
                    }
                }
                default -> { }
            }
        }

        private void card(Fact fact) {
            province = fact.text(Fact.PROVINCE);
            city = fact.text(Fact.CITY);
            industry = fact.text(Fact.INDUSTRY);
            JsonNode fields = fact.facts().get(Fact.FILLED);
            if (fields == null || !fields.isArray()) {
                filled = null;
            } else {
                List<String> paths = new java.util.ArrayList<>(fields.size());
                fields.forEach(path -> paths.add(path.asText()));
                filled = paths;
            }
        }

        /** The customer's kind: as registered, else as its nature says (an individual's nature is INDIVIDUAL). */
        com.customerarchive.events.CustomerKind customerKind() {
            if (kind != null) {
                return com.customerarchive.events.CustomerKind.valueOf(kind);
            }
            return "INDIVIDUAL".equals(nature) ? com.customerarchive.events.CustomerKind.INDIVIDUAL
                    : com.customerarchive.events.CustomerKind.ORGANIZATION;
        }
    }

    /** A complaint with its steps up to an instant. */
    static final class Complaint {
        final Fact filed;
        final String category;
        final String severity;
        Instant openedAt;
        Fact resolved;
        String responsibility;
        Integer satisfaction;

        Complaint(Fact filed) {
            this.filed = filed;
            this.category = filed.text(Fact.CATEGORY);
            this.severity = filed.text(Fact.SEVERITY);
            this.openedAt = filed.at();
        }

        private void apply(Fact fact) {
            switch (fact.type()) {
                case Fact.COMPLAINT_RESOLVED -> {
                    resolved = fact;
                    responsibility = fact.text(Fact.RESPONSIBILITY);
                }
                case Fact.COMPLAINT_FOLLOWED_UP -> satisfaction = fact.facts().get(Fact.SATISFACTION).asInt();
                case Fact.COMPLAINT_REOPENED -> {
                    // open again: its target counts from the reopening and it is not resolved; the responsibility
                    // found stays until a new resolution finds another
                    openedAt = fact.at();
                    resolved = null;
                    satisfaction = null;
                }
                default -> { }
            }
        }

        Instant resolvedAt() {
            return resolved == null ? null : resolved.at();
        }
    }
}
