package com.customerarchive.query.report;

import com.customerarchive.events.Grade;
import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Totals;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What is behind every figure of one report run: each figure is counted (or added up) from the customers or events
 * put under it here, and its drill-down lists exactly those, so a drill-down's total is the figure by construction.
 */
final class Tally {

    /** A figure of a report: its name, the key of its row and, for a figure in a table of two keys, the column. */
    record Figure(String name, String key, String column) {

        static Figure of(String name) {
            return new Figure(name, null, null);
        }

        static Figure of(String name, String key) {
            return new Figure(name, key, null);
        }
    }

    /** A customer, or one of its events, behind a figure. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(UUID customerId, String name, String ownerId, Grade grade, Long sequence, String type,
                Instant occurredAt, BigDecimal amount, String currency, String code, java.time.LocalDate dueOn,
                Long daysPastDue) {

        Item(UUID customerId, String name, String ownerId, Grade grade, Long sequence, String type,
             Instant occurredAt, BigDecimal amount, String currency, String code) {
            this(customerId, name, ownerId, grade, sequence, type, occurredAt, amount, currency, code, null, null);
        }

        /** The customer's name and code as its profile shows them now. */
        Item labelled(Timelines.Label label) {
            return new Item(customerId, label.name(), ownerId, grade, sequence, type, occurredAt, amount, currency,
                    label.code(), dueOn, daysPastDue);
        }
    }

    private final Map<Figure, Map<Object, Item>> items = new LinkedHashMap<>();

    /** Puts a customer under a figure (once, however often it is put). */
    void customer(Figure figure, UUID customerId, Timeline.State state) {
        items.computeIfAbsent(figure, f -> new LinkedHashMap<>()).putIfAbsent(customerId,
                new Item(customerId, null, state == null ? null : state.owner, state == null ? null : state.grade,
                        null, null, null, null, null, null));
    }

    /** Puts an event under a figure. */
    void event(Figure figure, Fact fact) {
        items.computeIfAbsent(figure, f -> new LinkedHashMap<>()).putIfAbsent(
                new EventKey(fact.customerId(), fact.sequence()),
                new Item(fact.customerId(), null, null, null, fact.sequence(), fact.type(), fact.at(), fact.amount(),
                        fact.text(Fact.CURRENCY), null));
    }

    /**
     * Puts a shipment's receivable under a figure: the shipment, what of it was open (its amount here), its due day and
     * how many days past due it was.
     */
    void receivable(Figure figure, Fact shipment, String ownerId, BigDecimal open, java.time.LocalDate dueOn,
                    long daysPastDue) {
        items.computeIfAbsent(figure, f -> new LinkedHashMap<>()).putIfAbsent(
                new EventKey(shipment.customerId(), shipment.sequence()),
                new Item(shipment.customerId(), null, ownerId, null, shipment.sequence(), shipment.type(),
                        shipment.at(), open, shipment.text(Fact.CURRENCY), null, dueOn, daysPastDue));
    }

    /** Makes sure a figure exists (with nothing behind it yet): it reads 0 and its drill-down is empty. */
    void zero(Figure figure) {
        items.computeIfAbsent(figure, f -> new LinkedHashMap<>());
    }

    private record EventKey(UUID customerId, long sequence) {
    }

    long count(Figure figure) {
        Map<Object, Item> behind = items.get(figure);
        return behind == null ? 0 : behind.size();
    }

    /** The amounts behind a figure, per currency. */
    List<Amount> totals(Figure figure) {
        List<Amount> totals = List.of();
        for (Item item : behind(figure)) {
            if (item.amount() != null) {
                totals = Totals.add(totals, List.of(new Amount(item.currency(), item.amount())));
            }
        }
        return totals;
    }

    List<Item> behind(Figure figure) {
        Map<Object, Item> behind = items.get(figure);
        return behind == null ? List.of() : new ArrayList<>(behind.values());
    }

    /** The keys of the rows of a figure, in the order they were first put. */
    Set<String> keys(String figureName) {
        Set<String> keys = new LinkedHashSet<>();
        items.keySet().stream().filter(figure -> figure.name().equals(figureName)).map(Figure::key)
                .filter(Objects::nonNull).forEach(keys::add);
        return keys;
    }

    /** The columns of a figure's row, in the order they were first put. */
    Set<String> columns(String figureName, String key) {
        Set<String> columns = new LinkedHashSet<>();
        items.keySet().stream().filter(figure -> figure.name().equals(figureName) && Objects.equals(figure.key(), key))
                .map(Figure::column).filter(Objects::nonNull).forEach(columns::add);
        return columns;
    }
}
