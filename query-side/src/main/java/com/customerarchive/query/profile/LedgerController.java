package com.customerarchive.query.profile;

import com.customerarchive.events.CollectionRecordedEvent.Allocation;
import com.customerarchive.events.money.CreditAccount;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.audit.AccessLog;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.query.web.CustomerScope;
import com.customerarchive.query.web.Freshness;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A customer's ledger (财务明细帐): its shipments, collections and reversals in order with the running balance. */
@RestController
@Tag(name = "ledger", description = "Money after the sale, read: a customer's ledger of shipments, collections and "
        + "reversals (财务明细帐) with its credit; the ageing of all receivables is GET /api/reports/receivables")
class LedgerController {

    private final ProfileRepository profiles;
    private final CustomerScope scope;
    private final Freshness freshness;
    private final AccessLog accessLog;
    private final BusinessZone zone;
    private final Clock clock;

    LedgerController(ProfileRepository profiles, CustomerScope scope, Freshness freshness, AccessLog accessLog,
                     BusinessZone zone, Clock clock) {
        this.profiles = profiles;
        this.scope = scope;
        this.freshness = freshness;
        this.accessLog = accessLog;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * One line of the ledger. amount: what it does to the balance (a shipment owes more, a collection pays, a
     * reversal owes again); balance: the running balance in its currency after it (negative: the customer's credit).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(Instant at, LocalDate day, String kind, int number, String reference, Integer purchaseNo,
                 String currency, BigDecimal amount, BigDecimal balance, LocalDate dueOn, BigDecimal open,
                 Long daysPastDue, BigDecimal fromCredit, List<Allocation> allocations, BigDecimal credit,
                 Boolean reversed, String reason) {
    }

    /** The ledger: the customer, its credit as of now, every entry in business-time order, and the balances. */
    record Ledger(UUID customerId, String name, String code, String ownerId, Instant asOf, LocalDate day,
                  CreditView credit, List<Entry> entries, Map<String, BigDecimal> balances) {
    }

    @GetMapping("/api/profiles/{customerId}/ledger")
    @Operation(summary = "A customer's ledger (财务明细帐): shipments, collections and reversals with the running "
            + "balance per currency", description = "Entries in business-time order (shippedAt, receivedAt, the "
            + "reversal's time): SHIPMENT (+amount; dueOn, what is still open, daysPastDue today, fromCredit), "
            + "COLLECTION (−amount; its allocations to shipments, the credit it left, reversed), REVERSAL (+amount; "
            + "the reason). balance: the running balance in the entry's currency (negative: the customer's credit); "
            + "balances: where each currency stands now. credit: the card's payment section as the rules read it "
            + "(available credit per currency, days past due, onHold). Read by the customer's owner and whoever sees "
            + "it (finance within its branch: the name and no other personal field; not a pool's members, 403 "
            + "out-of-scope); recorded in the access log. "
            + "minVersion waits until the ledger includes that version.")
    Ledger ledger(@PathVariable UUID customerId, @RequestParam(required = false) Long minVersion) {
        freshness.await(customerId, minVersion);
        CustomerScope.Visibility visibility = scope.check(customerId);
        if (visibility.pooled()) {
            // a pool's member sees who waits in the pool, not what it owes: that is for its owner and those over it
            throw com.customerarchive.platform.web.ForbiddenException.outOfScope(scope.userName());
        }
        ProfileState state = profiles.find(customerId).orElseThrow(() -> NotFoundException.customer(customerId));
        Instant now = clock.instant();
        LocalDate today = zone.dayOf(now);
        CreditAccount account = state.credit();
        List<Entry> entries = new ArrayList<>();
        for (CreditAccount.Shipment shipment : account.shipments().values()) {
            entries.add(new Entry(shipment.shippedAt(), day(shipment.shippedAt()), "SHIPMENT", shipment.shipmentNo(),
                    shipment.reference(), shipment.purchaseNo(), shipment.currency(), shipment.amount(), null,
                    shipment.dueOn(), shipment.open(), shipment.daysPastDue(today),
                    shipment.creditSettled().signum() == 0 ? null : shipment.creditSettled(), null, null, null, null));
        }
        for (CreditAccount.Received collection : account.collections().values()) {
            entries.add(new Entry(collection.receivedAt(), day(collection.receivedAt()), "COLLECTION",
                    collection.collectionNo(), collection.reference(), null, collection.currency(),
                    collection.amount().negate(), null, null, null, null, null, collection.allocations(),
                    collection.credit().signum() == 0 ? null : collection.credit(), collection.reversed() ? true : null,
                    null));
            if (collection.reversed()) {
                entries.add(new Entry(collection.reversedAt(), day(collection.reversedAt()), "REVERSAL",
                        collection.collectionNo(), collection.reference(), null, collection.currency(),
                        collection.amount(), null, null, null, null, null, null, null, null,
                        collection.reversalReason()));
            }
        }
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<String, BigDecimal> balances = new java.util.TreeMap<>();
        List<Entry> running = new ArrayList<>();
        for (Entry entry : entries) {
            BigDecimal balance = balances.getOrDefault(entry.currency(), BigDecimal.ZERO).add(entry.amount());
            balances.put(entry.currency(), balance);
            running.add(new Entry(entry.at(), entry.day(), entry.kind(), entry.number(), entry.reference(),
                    entry.purchaseNo(), entry.currency(), entry.amount(), balance, entry.dueOn(), entry.open(),
                    entry.daysPastDue(), entry.fromCredit(), entry.allocations(), entry.credit(), entry.reversed(),
                    entry.reason()));
        }
        boolean masked = scope.withholds(state.consentGranted());
        accessLog.record(customerId, AccessLog.View.LEDGER);
        return new Ledger(customerId, masked ? Redaction.WITHHELD : state.name(), state.code(), state.ownerId(), now,
                today, CreditView.of(state.card() == null ? null : state.card().payment(), account, today), running,
                balances);
    }

    private LocalDate day(Instant at) {
        return at == null ? null : zone.dayOf(at);
    }
}
