package com.customerarchive.command.customer;

import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.CustomerAssignedEvent;
import com.customerarchive.events.CustomerClaimedEvent;
import com.customerarchive.events.CustomerLockedEvent;
import com.customerarchive.events.CustomerReturnedToPoolEvent;
import com.customerarchive.events.CustomerUnlockedEvent;
import com.customerarchive.events.OwnerChange;
import com.customerarchive.events.CustomerTeamChangedEvent;
import com.customerarchive.events.TeamMember;
import java.util.ArrayList;
import java.util.List;
import com.customerarchive.events.PoolOwner;
import com.customerarchive.events.ReturnCause;
import com.customerarchive.events.org.PoolRules;
import org.axonframework.eventhandling.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.CustomerApprovedEvent;
import com.customerarchive.events.CustomerResubmittedEvent;
import com.customerarchive.events.CustomerReturnedEvent;
import com.customerarchive.events.ProfileChangeApprovedEvent;
import com.customerarchive.events.ProfileChangeProposedEvent;
import com.customerarchive.events.ProfileChangeRejectedEvent;
import com.customerarchive.events.ReturnReason;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerMergedEvent;
import com.customerarchive.events.PossibleDuplicateAcceptedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.Grade;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardIssuedEvent;
import com.customerarchive.events.MembershipCardReissuedEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardTierChangedEvent;
import com.customerarchive.events.MembershipCardUsedEvent;
import com.customerarchive.events.ProfileReviewedEvent;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ReferrerRecordedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.privacy.PersonalFields;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer and its whole stream: card, grade, visits, complaints, ownership, consent. Every handler
 * answers the customer's version after it (the number of events in its stream).
 */
@Aggregate(cache = "customerCache", snapshotTriggerDefinition = "customerSnapshotTrigger")
@org.axonframework.serialization.Revision(CustomerSnapshots.REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Customer {

    /** Command metadata: the user whose own customers are the only ones it may change (a SALES rep). */
    static final String OWNER_SCOPE = OwnerScope.METADATA;

    @AggregateIdentifier
    private CustomerId customerId;
    private CustomerRegisteredEvent registration;
    private CustomerStatus status;
    private Grade grade;
    private String ownerId;
    private ProfileCard card;
    private int visitCount;
    private boolean erased;
    private CustomerId referredBy;
    /** Every purchase by its order reference: a repeat of the same order answers as the first. */
    private Map<String, PurchaseRecordedEvent> purchasesByOrder = new HashMap<>();
    private Map<Integer, Boolean> purchaseCancelled = new HashMap<>();
    private MembershipCard membershipCard;
    /** Numbers of the customer's replaced cards: dead for good. */
    private java.util.Set<String> replacedCardNumbers = new java.util.HashSet<>();
    private int cardUses;
    /** Where the card stands in review; null (a snapshot from before review existed) is approved. */
    private AdmissionState admission;
    private String code;
    /** Who registered the card and who last changed it: neither may review it (四眼原则). */
    private String registrant;
    private String lastEditor;
    /** Proposed changes to signed fields that wait for a manager, by proposal id. */
    private Map<String, PendingProposal> proposals = new LinkedHashMap<>();
    /** Set when the customer was merged into another as its duplicate: it is read-only from then on. */
    private CustomerId mergedInto;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, Complaint> complaints = new HashMap<>();
    /** The public pool's clock: since when the owner has it, its last follow-up and purchase (business time). */
    private Instant ownerSince;
    private Instant lastFollowUp;
    private Instant lastPurchase;
    /** Locked by its owner against the pool (锁定). */
    private boolean locked;
    /** The colleagues beside the owner (相关团队). */
    private List<TeamMember> team = new ArrayList<>();
    /** While in the pool: the rep it came back from, and when. */
    private String returnedFrom;
    private Instant returnedAt;
    /** The outlet's route and trade type (the route card), and each product's stock at the last store check. */
    private com.customerarchive.events.route.Route route;
    private String tradeType;
    private Map<String, BigDecimal> shelf = new HashMap<>();
    /** The team leader's remarks by number: acknowledged by the rep or not. */
    private Map<Integer, Boolean> remarks = new HashMap<>();
    /** The purposes the customer consented to and has not withdrawn. */
    private java.util.Set<String> consents = new java.util.TreeSet<>();
    /** Its money after the sale: orders, shipments, collections, credit (发货 · 回款). */
    private com.customerarchive.events.money.CreditAccount account = com.customerarchive.events.money.CreditAccount.empty();

    Customer() {
        // for Axon and snapshots
    }

    /** A repeat of the same registration answers as the first and writes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RegisterCustomerCommand command) {
        var registered = new CustomerRegisteredEvent(command.customerId(), command.kind(), command.nature(),
                command.tier(), command.source(), command.grade(), command.ownerId(), command.card(),
                command.admission() == null ? AdmissionState.APPROVED : command.admission(),
                command.admission() == AdmissionState.PENDING_REVIEW ? null : command.code());
        if (registration != null) {
            // a repeat meets the first as it was registered, whatever code the repeat would have been given
            if (sameRegistration(registration, registered) && Objects.equals(referredBy, command.referredBy())) {
                return 1;
            }
            throw new RuleViolationException(Rule.CUSTOMER_ID_TAKEN);
        }
        if (command.customerId().equals(command.referredBy())) {
            throw new RuleViolationException(Rule.SELF_REFERRAL);
        }
        requireSensitiveFieldsAllowed(command.kind(), null, command.card(), null);
        apply(registered);
        if (command.referredBy() != null) {
            apply(new ReferrerRecordedEvent(command.customerId(), command.referredBy().toString(), null));
        }
        return version();
    }

    private static boolean sameRegistration(CustomerRegisteredEvent first, CustomerRegisteredEvent repeat) {
        return first.customerId().equals(repeat.customerId()) && first.kind() == repeat.kind()
                && first.nature() == repeat.nature() && first.tier() == repeat.tier()
                && first.source() == repeat.source() && first.grade() == repeat.grade()
                && Objects.equals(first.ownerId(), repeat.ownerId()) && Objects.equals(first.card(), repeat.card());
    }

    /**
     * A manager other than the card's registrant and last editor signs it (四眼原则), when every required field is
     * filled in: the customer is admitted under the next code.
     */
    @CommandHandler
    Approval handle(ApproveCustomerCommand command, @MetaDataValue(EventMetadata.ACTOR) String actor,
                @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay, CustomerCodes codes) {
        requireActive();
        if (admissionState() != AdmissionState.PENDING_REVIEW) {
            throw new RuleViolationException(Rule.NOT_PENDING_REVIEW, "The card is " + admissionState()
                    + "; only a card waiting for review is approved (a returned card is resubmitted first).");
        }
        requireOtherReviewer(actor);
        List<String> missing = new AdmissionPolicy(true, command.requiredFields(), null)
                .missing(registration.kind(), registration.nature(), card);
        if (!missing.isEmpty()) {
            throw new RuleViolationException(Rule.REQUIRED_FIELDS_MISSING,
                    "The card lacks required fields: " + String.join(", ", missing) + ".", missing);
        }
        String given = codes.next(customerId, card, LocalDate.parse(businessDay));
        apply(new CustomerApprovedEvent(customerId, given, command.notes(), false));
        return new Approval(given, version());
    }

    /** The reviewer sends the card back to its rep with what is wrong, field by field. */
    @CommandHandler
    long handle(ReturnCustomerCommand command, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        requireActive();
        if (admissionState() != AdmissionState.PENDING_REVIEW) {
            throw new RuleViolationException(Rule.NOT_PENDING_REVIEW, "The card is " + admissionState()
                    + "; only a card waiting for review is returned.");
        }
        requireOtherReviewer(actor);
        if (command.reasons() == null || command.reasons().isEmpty() || command.reasons().stream()
                .anyMatch(reason -> reason.message() == null || reason.message().isBlank())) {
            throw new RuleViolationException(Rule.RETURN_REASONS_REQUIRED);
        }
        apply(new CustomerReturnedEvent(customerId, List.copyOf(command.reasons())));
        return version();
    }

    /** The rep sends a returned card, corrected, back for review. */
    @CommandHandler
    long handle(ResubmitCustomerCommand command) {
        requireActive();
        if (admissionState() != AdmissionState.RETURNED) {
            throw new RuleViolationException(Rule.NOT_RETURNED);
        }
        apply(new CustomerResubmittedEvent(customerId, command.notes()));
        return version();
    }

    /**
     * A customer registered before review existed is approved as of now under the next code; a coded one is left
     * (the answer then gives no code: none was given).
     */
    @CommandHandler
    Approval handle(MigrateAdmissionCommand command, @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay,
                    CustomerCodes codes) {
        // a merged duplicate is read-only and worked as the customer it was merged into: it takes no code
        if (code != null || admissionState() != AdmissionState.APPROVED || erased || mergedInto != null) {
            return new Approval(null, version());
        }
        String given = codes.next(customerId, card, LocalDate.parse(businessDay));
        apply(new CustomerApprovedEvent(customerId, given, command.notes() != null ? command.notes()
                : "admission migration", true));
        return new Approval(given, version());
    }

    /** A manager other than the proposal's author carries it out: the card edit follows the approval. */
    @CommandHandler
    long handle(ApproveProposalCommand command, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        requireActive();
        PendingProposal proposal = proposal(command.proposalId());
        if (actor != null && actor.equals(proposal.author())) {
            throw new RuleViolationException(Rule.REVIEWER_IS_AUTHOR,
                    "The proposal was made by " + actor + "; another manager decides it.");
        }
        apply(new ProfileChangeApprovedEvent(customerId, command.proposalId(), command.notes()));
        ProfileCard changed = CardChanges.with(card, proposal.changes());
        List<FieldChange> changes = CardChanges.between(card, changed);
        if (!changes.isEmpty()) {
            apply(new ProfileCardEditedEvent(customerId, changes, changed));
        }
        return version();
    }

    @CommandHandler
    long handle(RejectProposalCommand command, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        requireActive();
        PendingProposal proposal = proposal(command.proposalId());
        if (actor != null && actor.equals(proposal.author())) {
            throw new RuleViolationException(Rule.REVIEWER_IS_AUTHOR,
                    "The proposal was made by " + actor + "; another manager decides it.");
        }
        requireReason(command.reason());
        apply(new ProfileChangeRejectedEvent(customerId, command.proposalId(), command.reason()));
        return version();
    }

    private PendingProposal proposal(String proposalId) {
        PendingProposal proposal = proposalId == null ? null : proposals.get(proposalId);
        if (proposal == null) {
            throw new ProposalNotFoundException(proposalId);
        }
        return proposal;
    }

    private void requireOtherReviewer(String actor) {
        if (actor != null && (actor.equals(registrant) || actor.equals(lastEditor))) {
            throw new RuleViolationException(Rule.REVIEWER_IS_AUTHOR, actor + " registered or last edited the card; "
                    + "another manager reviews it.");
        }
    }

    /** Orders, cards and referrals wait until the card is approved; contact (visits, complaints) does not. */
    private void requireApproved() {
        if (admissionState() != AdmissionState.APPROVED) {
            throw new RuleViolationException(Rule.CUSTOMER_NOT_APPROVED, "The customer's card is "
                    + admissionState() + "; purchases, membership cards and referrals wait for its approval.");
        }
    }

    private AdmissionState admissionState() {
        return admission == null ? AdmissionState.APPROVED : admission;
    }

    /** A user whose scope is not the whole company (command metadata {@code ownerScope}) changes only its customers. */
    @CommandHandlerInterceptor
    Object ownerScope(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object scope = command.getMetaData().get(OWNER_SCOPE);
        if (registration != null && !OwnerScope.covers(scope, ownerId) && !teamWrites(command)
                && !(command.getPayload() instanceof DescribeCustomerCommand describe && describe.asCandidate())
                // a claim is decided by the pool (a customer claimed by another rep meanwhile is already-claimed)
                && !(command.getPayload() instanceof PoolCommands.Claim)
                && !(PoolOwner.isPool(ownerId) && command.getPayload() instanceof PoolCommands.Assign)) {
            throw new OutOfScopeException(command.getMetaData().get(EventMetadata.ACTOR));
        }
        return chain.proceed();
    }

    /** A purchase, numbered; the same order again answers as the first, another purchase under its reference is refused. */
    @CommandHandler
    RecordedPurchase handle(RecordPurchaseCommand command, @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt,
                            @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay) {
        requireActive();
        requireApproved();
        PurchaseRecordedEvent earlier = purchasesByOrder.get(command.orderRef());
        if (earlier != null) {
            boolean same = earlier.product().equals(command.product())
                    && earlier.quantity().compareTo(command.quantity()) == 0
                    && earlier.amount().compareTo(command.amount()) == 0
                    && earlier.currency().equals(command.currency())
                    && (command.purchasedAt() == null || command.purchasedAt().equals(earlier.purchasedAt()));
            if (!same) {
                throw new RuleViolationException(Rule.ORDER_REF_TAKEN, "Order " + command.orderRef()
                        + " is already purchase number " + earlier.purchaseNo() + " with other figures.");
            }
            return new RecordedPurchase(earlier.purchaseNo(), version());
        }
        int purchaseNo = purchasesByOrder.size() + 1;
        Instant purchasedAt = command.purchasedAt() != null ? command.purchasedAt() : Instant.parse(occurredAt);
        checkCredit(command, businessDay != null ? LocalDate.parse(businessDay)
                : purchasedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        apply(new PurchaseRecordedEvent(customerId, purchaseNo, command.orderRef(), command.product(),
                command.quantity(), command.amount(), command.currency(), purchasedAt));
        return new RecordedPurchase(purchaseNo, version());
    }

    /**
     * The credit rules (DOMAIN.md, money after the sale): a customer with anything more than 90 days past due on the
     * purchase's business day is on hold (credit-hold); a purchase that takes what is open and ordered past the limit in
     * its currency is refused (credit-limit-exceeded), both with the figures; a manager's override lets it through,
     * recorded with its reason and the figures it overrode.
     */
    private void checkCredit(RecordPurchaseCommand command, LocalDate day) {
        var credit = account();
        long pastDue = credit.mostDaysPastDue(day);
        BigDecimal limit = card == null || card.payment() == null ? null : card.payment().limitIn(command.currency());
        BigDecimal exposure = credit.exposure(command.currency());
        Map<String, Object> figures = new LinkedHashMap<>();
        Rule broken = null;
        String detail = null;
        if (pastDue > com.customerarchive.events.money.CreditAccount.HOLD_DAYS) {
            broken = Rule.CREDIT_HOLD;
            figures.put("daysPastDue", pastDue);
            figures.put("receivables", amounts(credit, com.customerarchive.events.money.CreditAccount::receivable));
            detail = "The customer has receivables " + pastDue + " days past due (more than "
                    + com.customerarchive.events.money.CreditAccount.HOLD_DAYS + "); purchases wait until they are collected.";
        } else if (limit != null && exposure.add(command.amount()).compareTo(limit) > 0) {
            broken = Rule.CREDIT_LIMIT_EXCEEDED;
            detail = "Open receivables and orders of " + exposure.toPlainString() + " " + command.currency()
                    + " and this purchase of " + command.amount().toPlainString() + " pass the credit limit of "
                    + limit.toPlainString() + " " + command.currency() + ".";
        }
        if (broken == null) {
            return;
        }
        figures.put("currency", command.currency());
        figures.put("limit", limit);
        figures.put("exposure", exposure);
        figures.put("receivable", credit.receivable(command.currency()));
        figures.put("openOrders", credit.openOrders(command.currency()));
        figures.put("amount", command.amount());
        figures.put("available", limit == null ? null : limit.subtract(exposure));
        if (command.creditOverride() == null || command.creditOverride().isBlank()) {
            throw new RuleViolationException(broken, detail, figures);
        }
        apply(new com.customerarchive.events.CreditOverriddenEvent(customerId, command.orderRef(), broken.code(),
                command.creditOverride(), command.currency(), limit, exposure, command.amount(),
                broken == Rule.CREDIT_HOLD ? (int) pastDue : null));
    }

    private static Map<String, BigDecimal> amounts(com.customerarchive.events.money.CreditAccount credit,
            java.util.function.BiFunction<com.customerarchive.events.money.CreditAccount, String, BigDecimal> figure) {
        Map<String, BigDecimal> amounts = new java.util.TreeMap<>();
        credit.currencies().forEach(currency -> amounts.put(currency, figure.apply(credit, currency)));
        return amounts;
    }

    private com.customerarchive.events.money.CreditAccount account() {
        return account == null ? com.customerarchive.events.money.CreditAccount.empty() : account;
    }

    /**
     * A shipment of a purchase (发货): never more than ordered (quantity and amount), never of a cancelled purchase;
     * due by the customer's terms at the time (cash where the card names none); the customer's credit settles what it
     * can. The same reference with the same figures answers as the first; with others it is shipment-ref-taken.
     */
    @CommandHandler
    MoneyCommands.Shipped handle(MoneyCommands.RecordShipment command,
                                 @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt) {
        var credit = account();
        var earlier = credit.shipmentByReference(command.reference());
        if (earlier.isPresent()) {
            var first = earlier.get();
            if (first.purchaseNo() == command.purchaseNo() && first.quantity().compareTo(command.quantity()) == 0
                    && first.amount().compareTo(command.amount()) == 0
                    && (command.shippedAt() == null || command.shippedAt().equals(first.shippedAt()))) {
                return new MoneyCommands.Shipped(first.shipmentNo(), first.dueOn(),
                        first.creditSettled().setScale(2, java.math.RoundingMode.UNNECESSARY), version());
            }
            throw new RuleViolationException(Rule.SHIPMENT_REF_TAKEN, "Reference " + command.reference()
                    + " is already shipment number " + first.shipmentNo() + " with other figures.");
        }
        var order = credit.orders().get(command.purchaseNo());
        if (order == null) {
            throw new PurchaseNotFoundException(command.purchaseNo());
        }
        if (order.cancelled()) {
            throw new RuleViolationException(Rule.PURCHASE_CANCELLED);
        }
        BigDecimal quantity = order.shippedQuantity().add(command.quantity());
        BigDecimal amount = order.shippedAmount().add(command.amount());
        if (quantity.compareTo(order.quantity()) > 0 || amount.compareTo(order.amount()) > 0) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("ordered", Map.of("quantity", order.quantity(), "amount", order.amount()));
            figures.put("shipped", Map.of("quantity", order.shippedQuantity(), "amount", order.shippedAmount()));
            figures.put("requested", Map.of("quantity", command.quantity(), "amount", command.amount()));
            figures.put("currency", order.currency());
            throw new RuleViolationException(Rule.OVER_SHIPMENT, "Purchase " + order.purchaseNo() + " ordered "
                    + order.quantity().toPlainString() + " for " + order.amount().toPlainString() + " "
                    + order.currency() + "; " + order.shippedQuantity().toPlainString() + " for "
                    + order.shippedAmount().toPlainString() + " are shipped already, "
                    + command.quantity().toPlainString() + " for " + command.amount().toPlainString()
                    + " more would pass it.", figures);
        }
        var terms = card == null || card.payment() == null || card.payment().terms() == null
                ? com.customerarchive.events.PaymentTerms.CASH : card.payment().terms();
        LocalDate dueOn = terms.dueOn(command.shippedOn());
        var creditFrom = credit.creditCovering(order.currency(), command.amount());
        BigDecimal fromCredit = creditFrom.stream().map(com.customerarchive.events.ShipmentRecordedEvent.CreditUse::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, java.math.RoundingMode.UNNECESSARY);
        int shipmentNo = credit.shipments().size() + 1;
        Instant shippedAt = command.shippedAt() != null ? command.shippedAt() : Instant.parse(occurredAt);
        apply(new com.customerarchive.events.ShipmentRecordedEvent(customerId, shipmentNo, order.purchaseNo(),
                command.reference(), shippedAt, command.quantity(), command.amount(), order.currency(),
                terms, dueOn, fromCredit, creditFrom));
        return new MoneyCommands.Shipped(shipmentNo, dueOn, fromCredit, version());
    }

    /**
     * A collection (回款): idempotent by its reference; settles the receivables it names or the oldest open first; what
     * is over is kept as credit.
     */
    @CommandHandler
    MoneyCommands.Collected handle(MoneyCommands.RecordCollection command,
                                   @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt) {
        var credit = account();
        var earlier = credit.collectionByReference(command.reference());
        if (earlier.isPresent()) {
            var first = earlier.get();
            if (first.amount().compareTo(command.amount()) == 0 && first.currency().equals(command.currency())
                    && (command.receivedAt() == null || command.receivedAt().equals(first.receivedAt()))) {
                return new MoneyCommands.Collected(first.collectionNo(), first.allocations(), first.credit(), version());
            }
            throw new RuleViolationException(Rule.COLLECTION_REF_TAKEN, "Reference " + command.reference()
                    + " is already collection number " + first.collectionNo() + " with other figures.");
        }
        com.customerarchive.events.money.CreditAccount.Settlement settlement;
        try {
            settlement = credit.settle(command.currency(), command.amount(), command.allocations());
        } catch (IllegalArgumentException doesNotFit) {
            throw new RuleViolationException(Rule.ALLOCATION_INVALID, "The allocation does not fit: "
                    + doesNotFit.getMessage() + ".");
        }
        int collectionNo = credit.collections().size() + 1;
        Instant receivedAt = command.receivedAt() != null ? command.receivedAt() : Instant.parse(occurredAt);
        apply(new com.customerarchive.events.CollectionRecordedEvent(customerId, collectionNo, command.reference(),
                receivedAt, command.amount(), command.currency(), settlement.allocations(),
                settlement.credit()));
        return new MoneyCommands.Collected(collectionNo, settlement.allocations(), settlement.credit(), version());
    }

    /** A bounced payment reversed with a reason: what it settled is open again, its credit gone. Once only. */
    @CommandHandler
    long handle(MoneyCommands.ReverseCollection command) {
        requireReason(command.reason());
        var credit = account();
        var collection = credit.collectionByReference(command.reference())
                .orElseThrow(() -> new CollectionNotFoundException(command.reference()));
        if (collection.reversed()) {
            throw new RuleViolationException(Rule.COLLECTION_ALREADY_REVERSED, "Collection " + command.reference()
                    + " was reversed at " + collection.reversedAt() + ": " + collection.reversalReason());
        }
        var reversal = credit.reverse(collection);
        apply(new com.customerarchive.events.CollectionReversedEvent(customerId, collection.collectionNo(),
                collection.reference(), command.reversedAt(), command.reason(), reversal.reopened(),
                reversal.creditRemoved()));
        return version();
    }

    @CommandHandler
    long handle(CancelPurchaseCommand command) {
        requireActive();
        Boolean cancelled = purchaseCancelled.get(command.purchaseNo());
        if (cancelled == null) {
            throw new PurchaseNotFoundException(command.purchaseNo());
        }
        if (cancelled) {
            throw new RuleViolationException(Rule.PURCHASE_ALREADY_CANCELLED);
        }
        requireReason(command.reason());
        apply(new PurchaseCancelledEvent(customerId, command.purchaseNo(), command.reason()));
        return version();
    }

    /** Who referred the customer; naming the same referrer again writes nothing. */
    @CommandHandler
    long handle(RecordReferrerCommand command) {
        requireActive();
        requireApproved();
        if (customerId.equals(command.referredBy())) {
            throw new RuleViolationException(Rule.SELF_REFERRAL);
        }
        if (command.referredBy().equals(referredBy)) {
            return version();
        }
        requireReason(command.reason());
        apply(new ReferrerRecordedEvent(customerId, command.referredBy().toString(), command.reason()));
        return version();
    }

    /** At most one live card, issued after the identity check, valid from the day it is issued. */
    @CommandHandler
    RecordedCard handle(IssueMembershipCardCommand command, @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay) {
        requireActive();
        requireApproved();
        if (membershipCard != null && membershipCard.held()) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_HELD, "The customer holds card "
                    + membershipCard.number() + "; cancel it first, or reissue it if it was lost.");
        }
        if (!command.identityChecked()) {
            throw new RuleViolationException(Rule.IDENTITY_NOT_CHECKED);
        }
        LocalDate issuedOn = LocalDate.parse(businessDay);
        if (!command.validUntil().isAfter(issuedOn)) {
            throw new RuleViolationException(Rule.VALIDITY_NOT_AHEAD);
        }
        apply(new MembershipCardIssuedEvent(customerId, command.cardNumber(), command.tier(), issuedOn,
                command.validUntil(), command.fee()));
        return new RecordedCard(command.cardNumber(), version());
    }

    @CommandHandler
    long handle(RenewMembershipCardCommand command) {
        requireActive();
        apply(card().renew(command.validUntil(), command.fee()));
        return version();
    }

    @CommandHandler
    long handle(ChangeMembershipTierCommand command) {
        requireActive();
        requireReason(command.reason());
        apply(card().changeTier(command.tier(), command.reason()));
        return version();
    }

    /** Blocked from the moment this answers: the next use meets the lost card in the aggregate. */
    @CommandHandler
    long handle(ReportMembershipCardLostCommand command) {
        requireNotErased();
        apply(card().reportLost());
        return version();
    }

    @CommandHandler
    RecordedCard handle(ReissueMembershipCardCommand command, @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay) {
        requireActive();
        MembershipCard current = card();
        current.requireReplaceable(LocalDate.parse(businessDay));
        apply(new MembershipCardReissuedEvent(customerId, current.number(), command.cardNumber(), current.validUntil(),
                command.fee()));
        return new RecordedCard(command.cardNumber(), version());
    }

    @CommandHandler
    long handle(CancelMembershipCardCommand command) {
        requireNotErased();
        requireReason(command.reason());
        apply(card().cancel(command.reason()));
        return version();
    }

    /** A use at an outlet by the number the card shows: a replaced number, a lost or cancelled card is refused. */
    @CommandHandler
    RecordedUse handle(UseMembershipCardCommand command, @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt,
                       @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay) {
        requireNotErased();
        if (replacedCardNumbers.contains(command.cardNumber())) {
            throw new RuleViolationException(Rule.MEMBERSHIP_CARD_REPLACED);
        }
        MembershipCard current = card();
        if (!current.number().equals(command.cardNumber())) {
            throw new RuleViolationException(Rule.NO_MEMBERSHIP_CARD, "Card " + command.cardNumber()
                    + " is not the customer's card.");
        }
        Instant usedAt = command.usedAt() != null ? command.usedAt() : Instant.parse(occurredAt);
        int useNo = cardUses + 1;
        apply(current.use(useNo, command.outlet(), usedAt, LocalDate.parse(businessDay), command.amount()));
        return new RecordedUse(useNo, version());
    }

    private MembershipCard card() {
        if (membershipCard == null) {
            throw new RuleViolationException(Rule.NO_MEMBERSHIP_CARD);
        }
        return membershipCard;
    }

    @CommandHandler
    long handle(ReviewProfileCommand command) {
        requireActive();
        apply(new ProfileReviewedEvent(customerId, command.notes()));
        return version();
    }

    @CommandHandler
    CardEdit handle(EditProfileCardCommand command, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        requireActive();
        ProfileCard edited = CardChanges.merge(card, command.patch());
        requireSensitiveFieldsAllowed(registration.kind(), card, edited, command.religionPurpose());
        List<FieldChange> changes = CardChanges.between(card, edited);
        List<FieldChange> signed = new ArrayList<>();
        List<FieldChange> atOnce = new ArrayList<>();
        for (FieldChange change : changes) {
            // a signed field of an approved card stays signed: its change waits for a second person
            (admissionState() == AdmissionState.APPROVED && AdmissionPolicy.signed(command.signedFields(), change.field())
                    ? signed : atOnce).add(change);
        }
        if (!atOnce.isEmpty()) {
            ProfileCard now = signed.isEmpty() ? edited : CardChanges.with(card, atOnce);
            apply(new ProfileCardEditedEvent(customerId, CardChanges.between(card, now), now),
                    onBehalfOf(actor));
        }
        if (!signed.isEmpty()) {
            if (command.proposalId() == null) {
                throw new IllegalArgumentException("a change to a signed field needs a proposal id");
            }
            apply(new ProfileChangeProposedEvent(customerId, command.proposalId(), List.copyOf(signed)),
                    onBehalfOf(actor));
            return new CardEdit(version(), atOnce.stream().map(FieldChange::field).toList(), command.proposalId(),
                    signed.stream().map(FieldChange::field).toList());
        }
        return new CardEdit(version(), atOnce.stream().map(FieldChange::field).toList());
    }

    /**
     * The card's sensitive and personal fields where they belong: a religion only for the configured purpose the
     * customer consented to (none at registration: no consent precedes the customer), an individual's bank account
     * only as personal data. Checked when the field is written, not when a card that has it changes elsewhere.
     */
    private void requireSensitiveFieldsAllowed(CustomerKind kind, ProfileCard before, ProfileCard after,
                                               String religionPurpose) {
        var was = before == null ? null : before.basic();
        var now = after == null ? null : after.basic();
        if (now == null) {
            return;
        }
        if (now.religion() != null && !now.religion().isBlank()
                && !Objects.equals(now.religion(), was == null ? null : was.religion())
                && (religionPurpose == null || consents == null || !consents.contains(religionPurpose))) {
            throw new RuleViolationException(Rule.RELIGION_NOT_STORED, religionPurpose == null
                    ? "The archive keeps no religion: no purpose for it is configured."
                    : "The customer has not consented to \"" + religionPurpose + "\", the purpose religion is kept for.");
        }
        if (kind == CustomerKind.INDIVIDUAL && now.bank() != null
                && !Objects.equals(now.bank(), was == null ? null : was.bank())) {
            throw new RuleViolationException(Rule.PERSONAL_BANK_ACCOUNT);
        }
    }

    /** A change made by someone else than the owner (a clerk, a manager) also names the owner it was made for. */
    private MetaData onBehalfOf(String actor) {
        return actor == null || actor.equals(ownerId) ? MetaData.emptyInstance()
                : MetaData.with(EventMetadata.ON_BEHALF_OF, ownerId);
    }

    @CommandHandler
    long handle(ChangeGradeCommand command) {
        requireActive();
        requireReason(command.reason());
        if (command.grade() == grade) {
            throw new RuleViolationException(Rule.SAME_GRADE, "The customer already has grade " + grade + ".");
        }
        apply(new GradeChangedEvent(customerId, grade, command.grade(), command.reason()));
        return version();
    }

    @CommandHandler
    RecordedVisit handle(RecordVisitCommand command) {
        requireActive();
        int visitNo = visitCount + 1;
        List<com.customerarchive.events.StoreCheckLine> lines = new ArrayList<>();
        List<RecordedVisit.Checked> checked = new ArrayList<>();
        var catalogue = command.catalogue() != null ? command.catalogue() : com.customerarchive.events.route.Catalogue.seed();
        for (RecordVisitCommand.StoreCheckInput input : command.storeCheck() == null
                ? List.<RecordVisitCommand.StoreCheckInput>of() : command.storeCheck()) {
            BigDecimal delivered = input.delivered() == null ? BigDecimal.ZERO : input.delivered();
            BigDecimal previous = input.correctedPreviousStock() != null ? input.correctedPreviousStock()
                    : shelf().get(input.sku());
            BigDecimal sold = previous == null ? null : previous.add(delivered).subtract(input.stock());
            if (sold != null && sold.signum() < 0) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("sku", input.sku());
                figures.put("previousStock", previous);
                figures.put("delivered", delivered);
                figures.put("stock", input.stock());
                throw new RuleViolationException(Rule.STORE_CHECK_INCONSISTENT, input.sku() + ": the last check's "
                        + "stock " + previous.toPlainString() + " and " + delivered.toPlainString() + " delivered "
                        + "cannot leave " + input.stock().toPlainString() + " on the shelf (sales would be "
                        + sold.toPlainString() + "); correct the previous stock with a reason if it was wrong.",
                        figures);
            }
            lines.add(new com.customerarchive.events.StoreCheckLine(input.sku(), input.stock(), input.delivered(),
                    input.facings(), input.merchandised(), input.competitorSkus(), previous, sold,
                    input.correctedPreviousStock() != null ? input.correctionReason() : null));
            checked.add(new RecordedVisit.Checked(input.sku(), previous, sold,
                    catalogue.target(tradeType, input.sku()).subtract(input.stock()).max(BigDecimal.ZERO)));
        }
        apply(new VisitRecordedEvent(customerId, visitNo, command.visitedAt(), command.method(), command.contact(),
                grade, command.notes(), command.conclusion(), command.nextFollowUpOn(), lines));
        return new RecordedVisit(visitNo, version(), checked);
    }

    /** A team leader's remark on the card or on one of its visits (组长批示). */
    @CommandHandler
    RemarkCommands.Written handle(RemarkCommands.Write command) {
        requireNotErased();
        if (command.text() == null || command.text().isBlank()) {
            throw new RuleViolationException(Rule.REASON_REQUIRED, "A remark says something.");
        }
        if (command.visitNo() != null && (command.visitNo() < 1 || command.visitNo() > visitCount)) {
            throw new RuleViolationException(Rule.REMARK_VISIT_UNKNOWN, "The customer has visits 1 to " + visitCount
                    + "; there is no visit " + command.visitNo() + ".");
        }
        int remarkNo = remarks().size() + 1;
        apply(new com.customerarchive.events.RemarkWrittenEvent(customerId, remarkNo, command.visitNo(),
                command.text().strip()));
        return new RemarkCommands.Written(remarkNo, version());
    }

    /** The rep acknowledges a remark; again writes nothing. */
    @CommandHandler
    long handle(RemarkCommands.Acknowledge command) {
        Boolean acknowledged = remarks().get(command.remarkNo());
        if (acknowledged == null) {
            throw new RuleViolationException(Rule.REMARK_UNKNOWN, "The customer has no remark " + command.remarkNo() + ".");
        }
        if (!acknowledged) {
            apply(new com.customerarchive.events.RemarkAcknowledgedEvent(customerId, command.remarkNo()));
        }
        return version();
    }

    private Map<Integer, Boolean> remarks() {
        return remarks == null ? Map.of() : remarks;
    }

    @EventSourcingHandler
    void on(com.customerarchive.events.RemarkWrittenEvent event) {
        Map<Integer, Boolean> next = new HashMap<>(remarks());
        next.put(event.remarkNo(), false);
        remarks = next;
    }

    @EventSourcingHandler
    void on(com.customerarchive.events.RemarkAcknowledgedEvent event) {
        Map<Integer, Boolean> next = new HashMap<>(remarks());
        next.put(event.remarkNo(), true);
        remarks = next;
    }

    /** The outlet put on a route with its trade type, or taken off (route null); the same again writes nothing. */
    @CommandHandler
    long handle(AssignRouteCommand command) {
        requireActive();
        if (Objects.equals(route, command.route()) && Objects.equals(tradeType, command.tradeType())) {
            return version();
        }
        apply(new com.customerarchive.events.RouteAssignedEvent(customerId, command.route(), command.tradeType()));
        return version();
    }

    private Map<String, BigDecimal> shelf() {
        return shelf == null ? Map.of() : shelf;
    }

    @CommandHandler
    long handle(FileComplaintCommand command) {
        requireActive();
        apply(new ComplaintFiledEvent(customerId, command.complaintId(), command.category(), command.severity(),
                command.description(), command.channel()));
        return version();
    }

    @CommandHandler
    long handle(AssignComplaintCommand command) {
        complaint(command.complaintId()).assign(command.assignee());
        return version();
    }

    @CommandHandler
    long handle(ResolveComplaintCommand command) {
        complaint(command.complaintId()).resolve(command.resolution(), command.responsibility());
        return version();
    }

    @CommandHandler
    long handle(FollowUpComplaintCommand command) {
        complaint(command.complaintId()).followUp(command.satisfaction(), command.notes());
        return version();
    }

    @CommandHandler
    long handle(CloseComplaintCommand command) {
        complaint(command.complaintId()).close();
        return version();
    }

    @CommandHandler
    long handle(ReopenComplaintCommand command) {
        Complaint complaint = complaint(command.complaintId());
        requireReason(command.reason());
        complaint.reopen(command.reason());
        return version();
    }

    @CommandHandler
    long handle(TransferOwnerCommand command) {
        requireActive();
        requireReason(command.reason());
        if (Objects.equals(command.ownerId(), ownerId)) {
            throw new RuleViolationException(Rule.SAME_OWNER);
        }
        apply(new OwnerTransferredEvent(customerId, ownerId, command.ownerId(), command.reason()));
        return version();
    }

    /** A handover's transfer: the customer must still be the old owner's (one already moved answers same-owner). */
    @CommandHandler
    long handle(HandOverCustomerCommand command) {
        if (Objects.equals(command.toOwner(), ownerId)) {
            throw new RuleViolationException(Rule.SAME_OWNER);
        }
        if (!Objects.equals(command.fromOwner(), ownerId)) {
            throw new RuleViolationException(Rule.OWNER_CHANGED);
        }
        String previous = ownerId;
        long version = handle(new TransferOwnerCommand(customerId, null, command.toOwner(), command.reason()));
        if (command.keepPreviousOwnerAs() == null) {
            return version;
        }
        // the leaving rep stays on the customer's team, as asked (e.g. READ: to answer questions about its history)
        List<TeamMember> kept = new ArrayList<>(team.stream().filter(member -> !member.user().equals(previous)
                && !member.user().equals(command.toOwner())).toList());
        kept.add(new TeamMember(previous, command.keepPreviousOwnerAs(), null));
        apply(new CustomerTeamChangedEvent(customerId, kept));
        return version();
    }

    /** The return job's look at one customer: back to the pool when its clock ran out at {@code asOf}, else nothing. */
    @CommandHandler
    boolean handle(PoolCommands.ReturnIfDue command) {
        if (status != CustomerStatus.ACTIVE || erased || mergedInto != null || PoolOwner.isPool(ownerId)
                || admissionState() != AdmissionState.APPROVED) {
            return false;
        }
        Optional<PoolRules.Due> due = command.rules().due(poolClock(command.asOf()));
        if (due.isEmpty() || due.get().at().isAfter(command.asOf())) {
            return false;
        }
        apply(new CustomerReturnedToPoolEvent(customerId, command.poolId(), ownerId, due.get().cause(), due.get().days(),
                due.get().reason()));
        return true;
    }

    /** What the pool's rule reads of this customer at {@code at}. */
    PoolRules.Clock poolClock(Instant at) {
        boolean openComplaints = complaints.values().stream().anyMatch(complaint -> !complaint.closed());
        boolean liveCard = membershipCard != null && membershipCard.held()
                && !membershipCard.expiredOn(at.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        boolean bought = purchasesByOrder.values().stream()
                .anyMatch(purchase -> !purchaseCancelled.getOrDefault(purchase.purchaseNo(), false));
        return new PoolRules.Clock(grade, ownerSince, lastFollowUp, lastPurchase, bought, openComplaints, liveCard, locked);
    }

    /**
     * A WRITE member of the customer's team works it as its owner would (visits, the card, complaints …), but does not
     * set the team, move the customer or send it to the pool.
     */
    private boolean teamWrites(CommandMessage<?> command) {
        Object payload = command.getPayload();
        if (payload instanceof SetTeamCommand || payload instanceof TransferOwnerCommand
                || payload instanceof HandOverCustomerCommand || payload.getClass().getEnclosingClass() == PoolCommands.class) {
            return false;
        }
        Object actor = command.getMetaData().get(EventMetadata.ACTOR);
        Object day = command.getMetaData().get(EventMetadata.BUSINESS_DAY);
        return actor instanceof String user && TeamMember.grants(team, user, true, day instanceof String text
                ? java.time.LocalDate.parse(text) : java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** The whole team from now on; a repeat of the same team writes nothing. */
    @CommandHandler
    long handle(SetTeamCommand command) {
        requireActive();
        if (command.members().stream().anyMatch(member -> member.user().equals(ownerId))) {
            throw new RuleViolationException(Rule.OWNER_IN_TEAM, ownerId + " owns the customer; the team names the "
                    + "colleagues beside it.");
        }
        if (command.members().equals(team)) {
            return version();
        }
        apply(new CustomerTeamChangedEvent(customerId, command.members()));
        return version();
    }

    @CommandHandler
    long handle(PoolCommands.Release command) {
        requireActive();
        requireReason(command.reason());
        if (PoolOwner.isPool(ownerId)) {
            throw new RuleViolationException(Rule.ALREADY_IN_POOL);
        }
        if (locked) {
            throw new RuleViolationException(Rule.CUSTOMER_LOCKED);
        }
        apply(new CustomerReturnedToPoolEvent(customerId, command.poolId(), ownerId, ReturnCause.RELEASED, null,
                command.reason()));
        return version();
    }

    @CommandHandler
    long handle(PoolCommands.Claim command) {
        requireActive();
        requireApproved();
        if (!PoolOwner.isPool(ownerId)) {
            throw new RuleViolationException(Rule.ALREADY_CLAIMED, Objects.equals(ownerId, command.ownerId())
                    ? "The customer is already yours." : "Another rep claimed or was assigned the customer first.");
        }
        if (command.ownerId().equals(returnedFrom) && returnedAt != null
                && command.at().isBefore(returnedAt.plus(java.time.Duration.ofDays(command.previousOwnerWaitDays())))) {
            throw new RuleViolationException(Rule.PREVIOUS_OWNER_WAIT, "The customer came back to the pool from "
                    + command.ownerId() + " on " + returnedAt + "; it may be claimed by the same rep again from "
                    + returnedAt.plus(java.time.Duration.ofDays(command.previousOwnerWaitDays())) + " ("
                    + command.previousOwnerWaitDays() + " days).");
        }
        apply(new CustomerClaimedEvent(customerId, PoolOwner.poolOf(ownerId).orElseThrow(), command.ownerId()));
        return version();
    }

    @CommandHandler
    long handle(PoolCommands.Assign command) {
        requireActive();
        requireApproved();
        if (Objects.equals(command.ownerId(), ownerId)) {
            throw new RuleViolationException(Rule.SAME_OWNER);
        }
        apply(new CustomerAssignedEvent(customerId, ownerId, command.ownerId(), command.reason()));
        return version();
    }

    @CommandHandler
    long handle(PoolCommands.Lock command) {
        requireActive();
        if (PoolOwner.isPool(ownerId)) {
            throw new RuleViolationException(Rule.NOT_IN_POOL, "A customer in the pool has no owner to lock it; "
                    + "claim it first.");
        }
        if (locked) {
            return version();
        }
        apply(new CustomerLockedEvent(customerId, ownerId));
        return version();
    }

    @CommandHandler
    long handle(PoolCommands.Unlock command) {
        requireActive();
        if (!locked) {
            throw new RuleViolationException(Rule.NOT_LOCKED);
        }
        apply(new CustomerUnlockedEvent(customerId, ownerId));
        return version();
    }

    @CommandHandler
    long handle(ArchiveCustomerCommand command) {
        requireActive();
        requireReason(command.reason());
        apply(new CustomerArchivedEvent(customerId, command.reason()));
        return version();
    }

    @CommandHandler
    long handle(ReactivateCustomerCommand command) {
        requireNotErased();
        if (status != CustomerStatus.ARCHIVED) {
            throw new RuleViolationException(Rule.CUSTOMER_NOT_ARCHIVED);
        }
        requireReason(command.reason());
        apply(new CustomerReactivatedEvent(customerId, command.reason()));
        return version();
    }

    @CommandHandler
    long handle(RecordConsentCommand command) {
        requireActive();
        apply(new ConsentRecordedEvent(customerId, command.granted(), List.of(command.purpose())));
        return version();
    }

    /** A merged customer is read-only: only its description and the erasure of its personal data pass. */
    @CommandHandlerInterceptor
    Object mergedIsReadOnly(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object payload = command.getPayload();
        if (mergedInto != null && !(payload instanceof DescribeCustomerCommand
                || payload instanceof EraseCustomerPersonalDataCommand || payload instanceof DestroyPersonalFieldCommand
                || payload instanceof MigrateAdmissionCommand)) {
            throw new RuleViolationException(Rule.CUSTOMER_MERGED, "The customer was merged into " + mergedInto
                    + " as its duplicate and is read-only; write to " + mergedInto + ".");
        }
        return chain.proceed();
    }

    /** A manager's registration although the archive may hold the same customer: the reason is recorded. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(RegisterDespiteDuplicatesCommand command) {
        requireReason(command.reason());
        boolean repeat = registration != null;
        long version = handle(command.registration());
        if (repeat) {
            return version;
        }
        apply(new PossibleDuplicateAcceptedEvent(command.customerId(), command.candidates(), command.reason()));
        return version();
    }

    /** A manager's edit although the card then shares keys with other customers: the reason is recorded. */
    @CommandHandler
    CardEdit handle(EditDespiteDuplicatesCommand command, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        requireActive();
        requireReason(command.reason());
        CardEdit edit = handle(command.edit(), actor);
        if (edit.changed().isEmpty() && edit.proposed().isEmpty()) {
            return edit;
        }
        apply(new PossibleDuplicateAcceptedEvent(customerId, command.candidates(), command.reason()));
        return new CardEdit(version(), edit.changed(), edit.proposalId(), edit.proposed());
    }

    @CommandHandler
    CustomerFacts handle(DescribeCustomerCommand command) {
        return new CustomerFacts(customerId.value(), registration.kind(), status, ownerId, card,
                mergedInto == null ? null : mergedInto.value(), erased, version(), code);
    }

    /** Into another customer that is live and of the same kind; never into itself, never into a merged one. */
    @CommandHandler
    long handle(MergeCustomerCommand command) {
        requireActive();
        requireReason(command.reason());
        CustomerFacts target = command.target();
        if (customerId.value().equals(target.customerId())) {
            throw new RuleViolationException(Rule.MERGE_INTO_ITSELF);
        }
        if (target.mergedInto() != null) {
            throw new RuleViolationException(Rule.MERGE_TARGET_MERGED, "The target was itself merged into "
                    + target.mergedInto() + "; merge into that customer.");
        }
        if (target.erased()) {
            throw new RuleViolationException(Rule.MERGE_TARGET_ERASED);
        }
        if (target.status() == CustomerStatus.ARCHIVED) {
            throw new RuleViolationException(Rule.MERGE_TARGET_ARCHIVED);
        }
        CustomerKind kind = registration.kind();
        if (target.kind() != kind) {
            throw new RuleViolationException(Rule.MERGE_ACROSS_KINDS, "An " + kind + " customer is not merged into an "
                    + target.kind() + " one.");
        }
        var money = account();
        var owed = money.currencies().stream().filter(currency -> money.exposure(currency).signum() != 0
                || money.creditIn(currency).signum() != 0).toList();
        if (!owed.isEmpty()) {
            // a merged duplicate is read-only: finance could not collect or reverse on it, nor would the target's
            // credit see it
            throw new RuleViolationException(Rule.DUPLICATE_HAS_OPEN_MONEY, "The duplicate has money open after a "
                    + "sale in " + String.join(", ", owed) + " (receivables, unshipped orders or credit); settle it "
                    + "before the merge.");
        }
        long open = complaints.values().stream().filter(complaint -> !complaint.closed()).count();
        if (open > 0) {
            throw new RuleViolationException(Rule.DUPLICATE_HAS_OPEN_COMPLAINTS, "The duplicate has " + open
                    + " complaint(s) not closed; close them (or file them on the target) before the merge.");
        }
        apply(new CustomerMergedEvent(customerId, new CustomerId(target.customerId()), command.reason()));
        return version();
    }

    private Complaint complaint(ComplaintId complaintId) {
        Complaint complaint = complaints.get(complaintId.toString());
        if (complaint == null) {
            throw new ComplaintNotFoundException(complaintId);
        }
        requireActive();
        return complaint;
    }

    /**
     * Crypto-shredding: the customer's key is destroyed in the same transaction (see PersonalDataEraser); from
     * then on every personal field of its events reads as "[erased]" and the record takes no further change,
     * which would need a new key.
     */
    @CommandHandler
    long handle(EraseCustomerPersonalDataCommand command) {
        requireNotErased();
        requireReason(command.reason());
        apply(new PersonalDataErasedEvent(customerId, command.reason()));
        return version();
    }

    /**
     * One personal field's key is destroyed in the same transaction (see PersonalDataEraser): every value the field
     * ever had reads "[erased]"; the card goes on without it, and a value written later gets a new key.
     */
    @CommandHandler
    long handle(DestroyPersonalFieldCommand command) {
        requireNotErased();
        requireReason(command.reason());
        apply(new PersonalDataFieldDestroyedEvent(customerId, command.field(), command.reason()));
        return version();
    }

    private void requireNotErased() {
        if (erased) {
            throw new RuleViolationException(Rule.PERSONAL_DATA_ERASED);
        }
    }

    private void requireActive() {
        requireNotErased();
        if (status == CustomerStatus.ARCHIVED) {
            throw new RuleViolationException(Rule.CUSTOMER_ARCHIVED);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolationException(Rule.REASON_REQUIRED);
        }
    }

    private static long version() {
        return AggregateLifecycle.getVersion() + 1;
    }

    @EventSourcingHandler
    void on(PersonalDataFieldDestroyedEvent event) {
        card = PersonalFields.without(card, event.field());
    }

    @EventSourcingHandler
    void on(PersonalDataErasedEvent event) {
        erased = true;
        card = null;
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event, @MetaDataValue(EventMetadata.ACTOR) String actor,
            @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt, @Timestamp Instant recordedAt) {
        ownerSince = occurred(occurredAt, recordedAt);
        admission = event.admissionState();
        code = event.code();
        registrant = actor;
        lastEditor = actor;
        customerId = event.customerId();
        registration = event;
        status = CustomerStatus.ACTIVE;
        grade = event.grade();
        ownerId = event.ownerId();
        card = event.card();
    }

    @EventSourcingHandler
    void on(ConsentRecordedEvent event) {
        java.util.Set<String> next = new java.util.TreeSet<>(consents == null ? java.util.Set.of() : consents);
        if (event.granted()) {
            next.addAll(event.purposes());
        } else {
            next.removeAll(event.purposes());
        }
        consents = next;
    }

    @EventSourcingHandler
    void on(CustomerMergedEvent event) {
        mergedInto = event.mergedInto();
    }

    @EventSourcingHandler
    void on(ProfileCardEditedEvent event, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        card = event.card();
        lastEditor = actor;
    }

    @EventSourcingHandler
    void on(CustomerApprovedEvent event) {
        admission = AdmissionState.APPROVED;
        code = event.code();
    }

    @EventSourcingHandler
    void on(CustomerReturnedEvent event) {
        admission = AdmissionState.RETURNED;
    }

    @EventSourcingHandler
    void on(CustomerResubmittedEvent event) {
        admission = AdmissionState.PENDING_REVIEW;
    }

    @EventSourcingHandler
    void on(ProfileChangeProposedEvent event, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        proposals.put(event.proposalId(), new PendingProposal(actor, event.changes()));
    }

    @EventSourcingHandler
    void on(ProfileChangeApprovedEvent event) {
        proposals.remove(event.proposalId());
    }

    @EventSourcingHandler
    void on(ProfileChangeRejectedEvent event) {
        proposals.remove(event.proposalId());
    }

    @EventSourcingHandler
    void on(GradeChangedEvent event) {
        grade = event.to();
    }

    @EventSourcingHandler
    void on(VisitRecordedEvent event, @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt,
            @Timestamp Instant recordedAt) {
        visitCount = event.visitNo();
        lastFollowUp = later(lastFollowUp, event.visitedAt() != null ? event.visitedAt()
                : occurred(occurredAt, recordedAt));
        if (event.storeCheck() != null) {
            Map<String, BigDecimal> next = new HashMap<>(shelf());
            event.storeCheck().forEach(line -> next.put(line.sku(), line.stock()));
            shelf = next;
        }
    }

    @EventSourcingHandler
    void on(com.customerarchive.events.RouteAssignedEvent event) {
        route = event.route();
        tradeType = event.tradeType();
    }

    @EventSourcingHandler
    void on(ComplaintFiledEvent event) {
        complaints.put(event.complaintId().toString(), new Complaint(customerId, event.complaintId()));
    }

    /** A transfer, a handover, a return to the pool, a claim or an assignment: another owner from now on. */
    @EventSourcingHandler
    void on(OwnerChange event, @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt,
            @Timestamp Instant recordedAt) {
        Instant at = occurred(occurredAt, recordedAt);
        if (event instanceof CustomerReturnedToPoolEvent returned) {
            returnedFrom = returned.previousOwner();
            returnedAt = at;
        }
        ownerId = event.newOwnerId();
        ownerSince = at;
        locked = false;
    }

    @EventSourcingHandler
    void on(CustomerTeamChangedEvent event) {
        team = new ArrayList<>(event.members());
    }

    @EventSourcingHandler
    void on(CustomerLockedEvent event) {
        locked = true;
    }

    @EventSourcingHandler
    void on(CustomerUnlockedEvent event) {
        locked = false;
    }

    @EventSourcingHandler
    void on(ComplaintFollowedUpEvent event, @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt,
            @Timestamp Instant recordedAt) {
        lastFollowUp = later(lastFollowUp, occurred(occurredAt, recordedAt));
    }

    private static Instant occurred(String occurredAt, Instant recordedAt) {
        return occurredAt != null ? Instant.parse(occurredAt) : recordedAt;
    }

    private static Instant later(Instant known, Instant at) {
        return known == null || at.isAfter(known) ? at : known;
    }

    @EventSourcingHandler
    void on(CustomerArchivedEvent event) {
        status = CustomerStatus.ARCHIVED;
    }

    @EventSourcingHandler
    void on(CustomerReactivatedEvent event) {
        status = CustomerStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(PurchaseRecordedEvent event, @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt,
            @Timestamp Instant recordedAt) {
        lastPurchase = later(lastPurchase, event.purchasedAt() != null ? event.purchasedAt()
                : occurred(occurredAt, recordedAt));
        purchasesByOrder.put(event.orderRef(), event);
        purchaseCancelled.put(event.purchaseNo(), false);
        account = account().apply(event);
    }

    @EventSourcingHandler
    void on(com.customerarchive.events.ShipmentRecordedEvent event) {
        account = account().apply(event);
    }

    @EventSourcingHandler
    void on(com.customerarchive.events.CollectionRecordedEvent event) {
        account = account().apply(event);
    }

    @EventSourcingHandler
    void on(com.customerarchive.events.CollectionReversedEvent event) {
        account = account().apply(event);
    }

    @EventSourcingHandler
    void on(MembershipCardIssuedEvent event) {
        membershipCard = new MembershipCard(customerId, event.cardNumber(), event.tier(), event.validFrom(),
                event.validUntil());
    }

    @EventSourcingHandler
    void on(MembershipCardRenewedEvent event) {
        membershipCard.renewed(event.validUntil());
    }

    @EventSourcingHandler
    void on(MembershipCardTierChangedEvent event) {
        membershipCard.tierChanged(event.to());
    }

    @EventSourcingHandler
    void on(MembershipCardReportedLostEvent event) {
        membershipCard.reportedLost();
    }

    /** The new number takes over the card's tier and validity, starting from the day it is reissued. */
    @EventSourcingHandler
    void on(MembershipCardReissuedEvent event, @MetaDataValue(EventMetadata.BUSINESS_DAY) String businessDay,
            @MetaDataValue(EventMetadata.OCCURRED_AT) String occurredAt) {
        replacedCardNumbers.add(event.oldCardNumber());
        LocalDate from = businessDay != null ? LocalDate.parse(businessDay) : occurredAt == null ? event.validUntil()
                // recorded before events carried their business day: the UTC day the archive judged by then
                : Instant.parse(occurredAt).atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        membershipCard = new MembershipCard(customerId, event.cardNumber(), membershipCard.tier(),
                from.isAfter(event.validUntil()) ? event.validUntil() : from, event.validUntil());
    }

    @EventSourcingHandler
    void on(MembershipCardCancelledEvent event) {
        membershipCard.cancelled();
    }

    @EventSourcingHandler
    void on(MembershipCardUsedEvent event) {
        cardUses = event.useNo();
        membershipCard.used();
    }

    @EventSourcingHandler
    void on(PurchaseCancelledEvent event) {
        purchaseCancelled.put(event.purchaseNo(), true);
        account = account().apply(event);
    }

    /** An erased customer's link reads "[erased]": it names no customer any more. */
    @EventSourcingHandler
    void on(ReferrerRecordedEvent event) {
        referredBy = isCustomerId(event.referredBy()) ? new CustomerId(UUID.fromString(event.referredBy())) : null;
    }

    private static boolean isCustomerId(String text) {
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return false;
        }
    }
}
