package com.customerarchive.events.money;

import com.customerarchive.events.CollectionRecordedEvent;
import com.customerarchive.events.CollectionRecordedEvent.Allocation;
import com.customerarchive.events.CollectionReversedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ShipmentRecordedEvent;

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
                            Map<Integer, Received> collections, Map<String, BigDecimal> credit) {

    /** Past due by more than this many days, a customer is on credit hold. */
    public static final int HOLD_DAYS = 90;
    /** Amounts are kept to the cent. */
    private static final int CENTS = 2;

    public CreditAccount {
        orders = orders == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(orders));
        shipments = shipments == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(shipments));
        collections = collections == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(collections));
        credit = credit == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(credit));
    }

    public static CreditAccount empty() {
        return new CreditAccount(null, null, null, null);
    }

    /** A purchase as an order: what is ordered, what of it is shipped, whether it was cancelled. */
    public record Order(int purchaseNo, String currency, BigDecimal quantity, BigDecimal amount,
                        BigDecimal shippedQuantity, BigDecimal shippedAmount, boolean cancelled) {

        /** What the order holds of the customer's credit: all of it while live, what was shipped once cancelled. */
        public BigDecimal committed() {
            return cancelled ? shippedAmount : amount;
        }

        public BigDecimal unshippedAmount() {
            return cancelled ? BigDecimal.ZERO : amount.subtract(shippedAmount).max(BigDecimal.ZERO);
        }
    }

    /** A shipment's receivable: {@code open} is what is still owed, {@code creditSettled} what credit settled. */
    public record Shipment(int shipmentNo, int purchaseNo, String reference, Instant shippedAt, BigDecimal quantity,
                           BigDecimal amount, String currency, LocalDate dueOn, BigDecimal open,
                           BigDecimal creditSettled) {

        /** Days past its due day on {@code day} while open; 0 when not yet due or settled. */
        public long daysPastDue(LocalDate day) {
            return open.signum() > 0 && day.isAfter(dueOn) ? ChronoUnit.DAYS.between(dueOn, day) : 0;
        }

        Shipment open(BigDecimal nowOpen, BigDecimal nowCreditSettled) {
            return new Shipment(shipmentNo, purchaseNo, reference, shippedAt, quantity, amount, currency, dueOn,
                    nowOpen, nowCreditSettled);
        }
    }

    /** A collection as received, with what it settled, the credit it left, and its reversal if it bounced. */
    public record Received(int collectionNo, String reference, Instant receivedAt, BigDecimal amount, String currency,
                           List<Allocation> allocations, BigDecimal credit, Instant reversedAt, String reversalReason) {

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
                    purchase.amount(), BigDecimal.ZERO, BigDecimal.ZERO, false));
            return new CreditAccount(next, shipments, collections, credit);
        }
        if (event instanceof PurchaseCancelledEvent cancelled && orders.containsKey(cancelled.purchaseNo())) {
            Order order = orders.get(cancelled.purchaseNo());
            Map<Integer, Order> next = new TreeMap<>(orders);
            next.put(order.purchaseNo(), new Order(order.purchaseNo(), order.currency(), order.quantity(),
                    order.amount(), order.shippedQuantity(), order.shippedAmount(), true));
            return new CreditAccount(next, shipments, collections, credit);
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
            nextOrders.put(order.purchaseNo(), new Order(order.purchaseNo(), order.currency(), order.quantity(),
                    order.amount(), order.shippedQuantity().add(shipped.quantity()),
                    order.shippedAmount().add(shipped.amount()), order.cancelled()));
        }
        BigDecimal fromCredit = zeroIfNull(shipped.fromCredit());
        Map<Integer, Shipment> nextShipments = new TreeMap<>(shipments);
        nextShipments.put(shipped.shipmentNo(), new Shipment(shipped.shipmentNo(), shipped.purchaseNo(),
                shipped.reference(), shipped.shippedAt(), shipped.quantity(), shipped.amount(), shipped.currency(),
                shipped.dueOn(), shipped.amount().subtract(fromCredit), fromCredit));
        return new CreditAccount(nextOrders, nextShipments, collections,
                plus(credit, shipped.currency(), fromCredit.negate()));
    }

    private CreditAccount received(CollectionRecordedEvent received) {
        Map<Integer, Shipment> nextShipments = new TreeMap<>(shipments);
        for (Allocation allocation : received.allocations()) {
            Shipment shipment = nextShipments.get(allocation.shipmentNo());
            if (shipment != null) {
                nextShipments.put(shipment.shipmentNo(),
                        shipment.open(shipment.open().subtract(allocation.amount()), shipment.creditSettled()));
            }
        }
        Map<Integer, Received> nextCollections = new TreeMap<>(collections);
        nextCollections.put(received.collectionNo(), new Received(received.collectionNo(), received.reference(),
                received.receivedAt(), received.amount(), received.currency(), received.allocations(),
                zeroIfNull(received.credit()), null, null));
        return new CreditAccount(orders, nextShipments, nextCollections,
                plus(credit, received.currency(), zeroIfNull(received.credit())));
    }

    private CreditAccount reversed(CollectionReversedEvent reversed) {
        Received collection = collections.get(reversed.collectionNo());
        if (collection == null) {
            return this;
        }
        Map<Integer, Allocation> own = new LinkedHashMap<>();
        collection.allocations().forEach(allocation -> own.merge(allocation.shipmentNo(), allocation,
                (a, b) -> new Allocation(a.shipmentNo(), a.amount().add(b.amount()))));
        Map<Integer, Shipment> nextShipments = new TreeMap<>(shipments);
        for (Allocation reopened : reversed.reopened()) {
            Shipment shipment = nextShipments.get(reopened.shipmentNo());
            if (shipment == null) {
                continue;
            }
            // what the collection settled itself is opened again; the rest was settled by its credit
            BigDecimal ownPart = own.containsKey(reopened.shipmentNo())
                    ? own.remove(reopened.shipmentNo()).amount().min(reopened.amount()) : BigDecimal.ZERO;
            BigDecimal creditPart = reopened.amount().subtract(ownPart);
            nextShipments.put(shipment.shipmentNo(), shipment.open(shipment.open().add(reopened.amount()),
                    shipment.creditSettled().subtract(creditPart)));
        }
        Map<Integer, Received> nextCollections = new TreeMap<>(collections);
        nextCollections.put(collection.collectionNo(), new Received(collection.collectionNo(), collection.reference(),
                collection.receivedAt(), collection.amount(), collection.currency(), collection.allocations(),
                collection.credit(), reversed.reversedAt(), reversed.reason()));
        return new CreditAccount(orders, nextShipments, nextCollections,
                plus(credit, collection.currency(), zeroIfNull(reversed.creditRemoved()).negate()));
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

    public BigDecimal creditIn(String currency) {
        return credit.getOrDefault(currency, BigDecimal.ZERO);
    }

    /** Every currency the account has seen. */
    public java.util.SortedSet<String> currencies() {
        java.util.SortedSet<String> currencies = new java.util.TreeSet<>(credit.keySet());
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

    /** What the customer's credit covers of a new shipment's amount. */
    public BigDecimal creditCovering(String currency, BigDecimal amount) {
        return creditIn(currency).max(BigDecimal.ZERO).min(amount).setScale(CENTS, java.math.RoundingMode.UNNECESSARY);
    }

    /**
     * How a collection of {@code amount} settles: the receivables {@code named} (each in the collection's currency,
     * open, and no more than is open; together no more than the amount), or else the oldest open ones in its currency
     * first; what is left is credit. A named allocation that does not fit is refused with
     * {@link IllegalArgumentException} saying why.
     */
    public Settlement settle(String currency, BigDecimal amount, List<Allocation> named) {
        List<Allocation> allocations = new ArrayList<>();
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
                allocations.add(new Allocation(one.getKey(), one.getValue()));
                left = left.subtract(one.getValue());
            }
            if (left.signum() < 0) {
                throw new IllegalArgumentException("the allocations add up to more than the collection's " + amount
                        + " " + currency);
            }
            return new Settlement(allocations, left);
        }
        for (Shipment shipment : openReceivables()) {
            if (left.signum() == 0) {
                break;
            }
            if (!shipment.currency().equals(currency)) {
                continue;
            }
            BigDecimal part = shipment.open().min(left);
            allocations.add(new Allocation(shipment.shipmentNo(), part));
            left = left.subtract(part);
        }
        return new Settlement(allocations, left);
    }

    /**
     * What reversing a collection undoes: every receivable it settled opens again, and so does its credit — what of it
     * is still credit is taken away, what already settled later shipments opens those again (the latest first).
     */
    public Reversal reverse(Received collection) {
        List<Allocation> reopened = new ArrayList<>(collection.allocations());
        BigDecimal creditLeft = creditIn(collection.currency()).max(BigDecimal.ZERO);
        BigDecimal creditRemoved = collection.credit().min(creditLeft).setScale(CENTS, java.math.RoundingMode.UNNECESSARY);
        BigDecimal used = collection.credit().subtract(creditRemoved);
        List<Shipment> settledByCredit = shipments.values().stream()
                .filter(shipment -> shipment.currency().equals(collection.currency())
                        && shipment.creditSettled().signum() > 0)
                .sorted(Comparator.comparingInt(Shipment::shipmentNo).reversed()).toList();
        for (Shipment shipment : settledByCredit) {
            if (used.signum() <= 0) {
                break;
            }
            BigDecimal part = shipment.creditSettled().min(used);
            reopened.add(new Allocation(shipment.shipmentNo(), part));
            used = used.subtract(part);
        }
        return new Reversal(reopened, creditRemoved);
    }

    private static Map<String, BigDecimal> plus(Map<String, BigDecimal> balances, String currency, BigDecimal amount) {
        if (amount.signum() == 0) {
            return balances;
        }
        Map<String, BigDecimal> next = new TreeMap<>(balances);
        BigDecimal sum = next.getOrDefault(currency, BigDecimal.ZERO).add(amount);
        if (sum.signum() == 0) {
            next.remove(currency);
        } else {
            next.put(currency, sum);
        }
        return next;
    }

    private static BigDecimal zeroIfNull(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
