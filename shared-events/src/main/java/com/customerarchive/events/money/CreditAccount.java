package com.customerarchive.events.money;

import com.customerarchive.events.CollectionRecordedEvent;
import com.customerarchive.events.CollectionRecordedEvent.Allocation;
import com.customerarchive.events.CollectionReversedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ShipmentRecordedEvent;
import com.customerarchive.events.ShipmentRecordedEvent.CreditUse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer's money after the sale as its events made it (发货 · 回款): its orders, shipments with what of each is
 * still open, collections, and the credit an overpayment left. One fold for both sides: command-side decides with it
 * (over-shipping, allocation, reversal, the credit hold), query-side shows it (the ledger, available credit, the
 * agenda). Immutable: every event gives a new account. Amounts are exact decimals and never added across currencies.
 */
public record CreditAccount(Map<Integer, Order> orders, Map<Integer, Shipment> shipments,
                            Map<Integer, Received> collections) {

    /** Days past {@code dueOn} on {@code day}; 0 when it is not yet due. */
    public static long daysPastDue(LocalDate dueOn, LocalDate day) {
        return day.isAfter(dueOn) ? ChronoUnit.DAYS.between(dueOn, day) : 0;
    }

    /** Past due by more than this many days, a customer is on credit hold. */
    public static final int HOLD_DAYS = 90;
    /** Amounts are kept to the cent. */
    private static final int CENTS = 2;

    public CreditAccount {
        orders = orders == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(orders));
        shipments = shipments == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(shipments));
        collections = collections == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(collections));
    }

    public static CreditAccount empty() {
        return new CreditAccount(null, null, null);
    }

    /**
     * A purchase as an order: what is ordered, what of it is shipped, whether it was cancelled, whether it is on the
     * customer's account (a purchase from before the ledger was settled outside it).
     */
    public record Order(int purchaseNo, String currency, BigDecimal quantity, BigDecimal amount,
                        BigDecimal shippedQuantity, BigDecimal shippedAmount, boolean cancelled, boolean onAccount) {

        /**
         * What the order holds of the customer's credit: all of it while live on the account, what was shipped once
         * cancelled (or of a purchase settled outside the ledger).
         */
        public BigDecimal committed() {
            return cancelled || !onAccount ? shippedAmount : amount;
        }

        public BigDecimal unshippedAmount() {
            return cancelled || !onAccount ? BigDecimal.ZERO : amount.subtract(shippedAmount).max(BigDecimal.ZERO);
        }

        Order shipped(BigDecimal quantity, BigDecimal amount) {
            return new Order(purchaseNo, currency, this.quantity, this.amount, shippedQuantity.add(quantity),
                    shippedAmount.add(amount), cancelled, onAccount);
        }

        Order asCancelled() {
            return new Order(purchaseNo, currency, quantity, amount, shippedQuantity, shippedAmount, true, onAccount);
        }
    }

    /**
     * A shipment's receivable: {@code open} is what is still owed; {@code creditUses} what the credit of earlier
     * collections settled, by collection (a reversal of one of them opens its part again).
     */
    public record Shipment(int shipmentNo, int purchaseNo, String reference, Instant shippedAt, BigDecimal quantity,
                           BigDecimal amount, String currency, LocalDate dueOn, BigDecimal open,
                           List<CreditUse> creditUses) {

        public Shipment {
            creditUses = creditUses == null ? List.of() : List.copyOf(creditUses);
        }

        /** What credit settled of it. */
        public BigDecimal creditSettled() {
            return creditUses.stream().map(CreditUse::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Days past its due day on {@code day} while open; 0 when not yet due or settled. */
        public long daysPastDue(LocalDate day) {
            return open.signum() > 0 ? CreditAccount.daysPastDue(dueOn, day) : 0;
        }

        Shipment open(BigDecimal nowOpen, List<CreditUse> nowCreditUses) {
            return new Shipment(shipmentNo, purchaseNo, reference, shippedAt, quantity, amount, currency, dueOn,
                    nowOpen, nowCreditUses);
        }
    }

    /**
     * A collection as received, with what it settled, the credit it left ({@code credit}) and what of that is not yet
     * used ({@code creditLeft}), and its reversal if it bounced.
     */
    public record Received(int collectionNo, String reference, Instant receivedAt, BigDecimal amount, String currency,
                           List<Allocation> allocations, BigDecimal credit, BigDecimal creditLeft, Instant reversedAt,
                           String reversalReason) {

        Received withCreditLeft(BigDecimal left) {
            return new Received(collectionNo, reference, receivedAt, amount, currency, allocations, credit, left,
                    reversedAt, reversalReason);
        }

        public boolean reversed() {
            return reversedAt != null;
        }
    }

    /** How a collection would settle: its allocations and the credit left over. */
    public record Settlement(List<Allocation> allocations, BigDecimal credit) {
    }

    /** What a reversal would undo: the receivables opened again and the credit taken away. */
    public record Reversal(List<Allocation> reopened, BigDecimal creditRemoved) {
    }

    /** The account after one more event of the customer (unchanged by events that are not about money). */
    public CreditAccount apply(CustomerEvent event) {
        if (event instanceof PurchaseRecordedEvent purchase) {
            Map<Integer, Order> next = new TreeMap<>(orders);
            next.put(purchase.purchaseNo(), new Order(purchase.purchaseNo(), purchase.currency(), purchase.quantity(),
                    purchase.amount(), BigDecimal.ZERO, BigDecimal.ZERO, false, purchase.onAccount()));
            return new CreditAccount(next, shipments, collections);
        }
        if (event instanceof PurchaseCancelledEvent cancelled && orders.containsKey(cancelled.purchaseNo())) {
            Order order = orders.get(cancelled.purchaseNo());
            Map<Integer, Order> next = new TreeMap<>(orders);
            next.put(order.purchaseNo(), order.asCancelled());
            return new CreditAccount(next, shipments, collections);
        }
        if (event instanceof ShipmentRecordedEvent shipped) {
            return shipped(shipped);
        }
        if (event instanceof CollectionRecordedEvent received) {
            return received(received);
        }
        if (event instanceof CollectionReversedEvent reversed) {
            return reversed(reversed);
        }
        return this;
    }

    private CreditAccount shipped(ShipmentRecordedEvent shipped) {
        Map<Integer, Order> nextOrders = new TreeMap<>(orders);
        Order order = orders.get(shipped.purchaseNo());
        if (order != null) {
            nextOrders.put(order.purchaseNo(), order.shipped(shipped.quantity(), shipped.amount()));
        }
        Map<Integer, Received> nextCollections = new TreeMap<>(collections);
        for (CreditUse use : shipped.creditFrom()) {
            Received lot = nextCollections.get(use.collectionNo());
            if (lot != null) {
                nextCollections.put(lot.collectionNo(), lot.withCreditLeft(lot.creditLeft().subtract(use.amount())));
            }
        }
        BigDecimal fromCredit = zeroIfNull(shipped.fromCredit());
        Map<Integer, Shipment> nextShipments = new TreeMap<>(shipments);
        nextShipments.put(shipped.shipmentNo(), new Shipment(shipped.shipmentNo(), shipped.purchaseNo(),
                shipped.reference(), shipped.shippedAt(), shipped.quantity(), shipped.amount(), shipped.currency(),
                shipped.dueOn(), shipped.amount().subtract(fromCredit), shipped.creditFrom()));
        return new CreditAccount(nextOrders, nextShipments, nextCollections);
    }

    private CreditAccount received(CollectionRecordedEvent received) {
        Map<Integer, Shipment> nextShipments = new TreeMap<>(shipments);
        for (Allocation allocation : received.allocations()) {
            Shipment shipment = nextShipments.get(allocation.shipmentNo());
            if (shipment != null) {
                nextShipments.put(shipment.shipmentNo(),
                        shipment.open(shipment.open().subtract(allocation.amount()), shipment.creditUses()));
            }
        }
        Map<Integer, Received> nextCollections = new TreeMap<>(collections);
        nextCollections.put(received.collectionNo(), new Received(received.collectionNo(), received.reference(),
                received.receivedAt(), received.amount(), received.currency(), received.allocations(),
                zeroIfNull(received.credit()), zeroIfNull(received.credit()), null, null));
        return new CreditAccount(orders, nextShipments, nextCollections);
    }

    private CreditAccount reversed(CollectionReversedEvent reversed) {
        Received collection = collections.get(reversed.collectionNo());
        if (collection == null) {
            return this;
        }
        Map<Integer, Shipment> nextShipments = new TreeMap<>(shipments);
        for (Allocation reopened : reversed.reopened()) {
            Shipment shipment = nextShipments.get(reopened.shipmentNo());
            if (shipment == null) {
                continue;
            }
            // a part the collection's credit settled is no longer settled by it
            List<CreditUse> uses = shipment.creditUses().stream()
                    .filter(use -> use.collectionNo() != collection.collectionNo()).toList();
            nextShipments.put(shipment.shipmentNo(), shipment.open(shipment.open().add(reopened.amount()), uses));
        }
        Map<Integer, Received> nextCollections = new TreeMap<>(collections);
        nextCollections.put(collection.collectionNo(), new Received(collection.collectionNo(), collection.reference(),
                collection.receivedAt(), collection.amount(), collection.currency(), collection.allocations(),
                collection.credit(), BigDecimal.ZERO, reversed.reversedAt(), reversed.reason()));
        return new CreditAccount(orders, nextShipments, nextCollections);
    }

    // ---- what the rules read ----

    /**
     * What the customer owes or has ordered in a currency and not paid: its open receivables plus its open orders,
     * less its credit (every live order's amount, a cancelled one's shipped part, less every collection not reversed).
     */
    public BigDecimal exposure(String currency) {
        BigDecimal committed = orders.values().stream().filter(order -> order.currency().equals(currency))
                .map(Order::committed).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal collected = collections.values().stream()
                .filter(collection -> !collection.reversed() && collection.currency().equals(currency))
                .map(Received::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return committed.subtract(collected);
    }

    /** What is open of the shipments in a currency. */
    public BigDecimal receivable(String currency) {
        return shipments.values().stream().filter(shipment -> shipment.currency().equals(currency))
                .map(Shipment::open).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What is ordered and not yet shipped in a currency. */
    public BigDecimal openOrders(String currency) {
        return orders.values().stream().filter(order -> order.currency().equals(currency))
                .map(Order::unshippedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The customer's credit in a currency: what its collections not reversed left over and no shipment used yet. */
    public BigDecimal creditIn(String currency) {
        return collections.values().stream()
                .filter(collection -> !collection.reversed() && collection.currency().equals(currency))
                .map(Received::creditLeft).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every currency the account has seen. */
    public java.util.SortedSet<String> currencies() {
        java.util.SortedSet<String> currencies = new java.util.TreeSet<>();
        orders.values().forEach(order -> currencies.add(order.currency()));
        shipments.values().forEach(shipment -> currencies.add(shipment.currency()));
        collections.values().forEach(collection -> currencies.add(collection.currency()));
        return currencies;
    }

    /** The open receivables, oldest first (by due day, then shipment). */
    public List<Shipment> openReceivables() {
        return shipments.values().stream().filter(shipment -> shipment.open().signum() > 0)
                .sorted(Comparator.comparing(Shipment::dueOn).thenComparingInt(Shipment::shipmentNo)).toList();
    }

    /** The most days any open receivable is past due on {@code day}; 0 when none is. */
    public long mostDaysPastDue(LocalDate day) {
        return shipments.values().stream().mapToLong(shipment -> shipment.daysPastDue(day)).max().orElse(0);
    }

    /** Whether anything is more than {@link #HOLD_DAYS} days past due on {@code day} (the credit hold). */
    public boolean onHold(LocalDate day) {
        return mostDaysPastDue(day) > HOLD_DAYS;
    }

    public Optional<Shipment> shipmentByReference(String reference) {
        return shipments.values().stream().filter(shipment -> shipment.reference().equals(reference)).findFirst();
    }

    public Optional<Received> collectionByReference(String reference) {
        return collections.values().stream().filter(collection -> collection.reference().equals(reference))
                .findFirst();
    }

    /** What the customer's credit covers of a new shipment's amount: the credit its collections left, the oldest first. */
    public List<CreditUse> creditCovering(String currency, BigDecimal amount) {
        List<CreditUse> uses = new ArrayList<>();
        BigDecimal left = amount;
        for (Received collection : collections.values()) {
            if (left.signum() <= 0) {
                break;
            }
            if (collection.reversed() || !collection.currency().equals(currency) || collection.creditLeft().signum() <= 0) {
                continue;
            }
            BigDecimal part = collection.creditLeft().min(left).setScale(CENTS, java.math.RoundingMode.UNNECESSARY);
            uses.add(new CreditUse(collection.collectionNo(), part));
            left = left.subtract(part);
        }
        return uses;
    }

    /**
     * How a collection of {@code amount} settles: the receivables {@code named} (each in the collection's currency,
     * open, and no more than is open; together no more than the amount), or else the oldest open ones in its currency
     * first; what is left is credit. A named allocation that does not fit is refused with
     * {@link IllegalArgumentException} saying why.
     */
    public Settlement settle(String currency, BigDecimal amount, List<Allocation> named) {
        List<Allocation> allocations = new ArrayList<>();
        Map<Integer, BigDecimal> settled = new LinkedHashMap<>();
        BigDecimal left = amount;
        if (named != null && !named.isEmpty()) {
            Map<Integer, BigDecimal> asked = new LinkedHashMap<>();
            named.forEach(allocation -> asked.merge(allocation.shipmentNo(), allocation.amount(), BigDecimal::add));
            for (Map.Entry<Integer, BigDecimal> one : asked.entrySet()) {
                Shipment shipment = shipments.get(one.getKey());
                if (shipment == null) {
                    throw new IllegalArgumentException("shipment " + one.getKey() + " is not the customer's");
                }
                if (!shipment.currency().equals(currency)) {
                    throw new IllegalArgumentException("shipment " + one.getKey() + " is owed in "
                            + shipment.currency() + ", the collection is in " + currency);
                }
                if (one.getValue().signum() <= 0 || one.getValue().compareTo(shipment.open()) > 0) {
                    throw new IllegalArgumentException("shipment " + one.getKey() + " has " + shipment.open()
                            + " " + currency + " open; " + one.getValue() + " cannot be allocated to it");
                }
                settled.put(one.getKey(), one.getValue());
                left = left.subtract(one.getValue());
            }
            if (left.signum() < 0) {
                throw new IllegalArgumentException("the allocations add up to more than the collection's " + amount
                        + " " + currency);
            }
        }
        // what the named ones leave (or all of it) settles the oldest open receivables first; the rest is credit
        for (Shipment shipment : openReceivables()) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal open = shipment.open().subtract(settled.getOrDefault(shipment.shipmentNo(), BigDecimal.ZERO));
            if (!shipment.currency().equals(currency) || open.signum() <= 0) {
                continue;
            }
            BigDecimal part = open.min(left);
            settled.merge(shipment.shipmentNo(), part, BigDecimal::add);
            left = left.subtract(part);
        }
        settled.forEach((shipmentNo, part) -> allocations.add(new Allocation(shipmentNo, part)));
        return new Settlement(allocations, left);
    }

    /**
     * What reversing a collection undoes: every receivable it settled opens again, and so does its credit — what of it
     * is still credit is taken away, and the part of each later shipment its credit settled opens again.
     */
    public Reversal reverse(Received collection) {
        List<Allocation> reopened = new ArrayList<>(collection.allocations());
        for (Shipment shipment : shipments.values()) {
            for (CreditUse use : shipment.creditUses()) {
                if (use.collectionNo() == collection.collectionNo()) {
                    reopened.add(new Allocation(shipment.shipmentNo(), use.amount()));
                }
            }
        }
        return new Reversal(reopened, collection.creditLeft().setScale(CENTS, java.math.RoundingMode.UNNECESSARY));
    }

    private static BigDecimal zeroIfNull(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
