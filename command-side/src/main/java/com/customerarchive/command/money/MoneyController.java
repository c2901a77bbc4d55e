package com.customerarchive.command.money;

import com.customerarchive.command.customer.CardEdit;
import com.customerarchive.command.customer.EditProfileCardCommand;
import com.customerarchive.command.customer.MoneyCommands;
import com.customerarchive.command.admission.AdmissionProperties;
import com.customerarchive.command.web.CardPatchReader;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.CollectionRecordedEvent.Allocation;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.PaymentTerms;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Money after the sale (发货 · 回款 · 信用): finance records shipments against purchases and collections against
 * receivables; the customer's terms and limits change through a proposal a second manager approves.
 */
@RestController
@Tag(name = "money", description = "Shipments (发货), collections (回款), reversals and the customer's credit terms: "
        + "FINANCE records money within its scope; terms and limits are proposed and approved by a manager other than "
        + "their author. Read the ledger and the ageing report on query-side.")
class MoneyController {

    private static final String DEFAULT_CURRENCY = "CNY";

    private final CommandSender commands;
    private final BusinessZone zone;
    private final Clock clock;
    private final CardPatchReader cards;
    private final AdmissionProperties admission;

    MoneyController(CommandSender commands, BusinessZone zone, Clock clock, CardPatchReader cards,
                    AdmissionProperties admission) {
        this.commands = commands;
        this.zone = zone;
        this.clock = clock;
        this.cards = cards;
        this.admission = admission;
    }

    record ShipmentRequest(
            @PastOrPresent Instant shippedAt,
            @NotNull @Positive @Digits(integer = 12, fraction = 4) BigDecimal quantity,
            @NotNull @Positive @Digits(integer = 15, fraction = 2) @DecimalMax("999999999999999.99") BigDecimal amount,
            @NotBlank @Size(max = 100) @Pattern(regexp = com.customerarchive.command.customer.RecordPurchaseCommand.REFERENCE, message = "letters, digits and . _ / # - only")
            String reference) {
    }

    record AllocationRequest(@NotNull @Positive Integer shipmentNo,
                             @NotNull @Positive @Digits(integer = 15, fraction = 2) BigDecimal amount) {
    }

    record CollectionRequest(
            @PastOrPresent Instant receivedAt,
            @NotNull @Positive @Digits(integer = 15, fraction = 2) @DecimalMax("999999999999999.99") BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as CNY") String currency,
            @NotBlank @Size(max = 100) @Pattern(regexp = com.customerarchive.command.customer.RecordPurchaseCommand.REFERENCE, message = "letters, digits and . _ / # - only")
            String reference,
            @Size(max = 500) List<@Valid @NotNull AllocationRequest> allocations) {
    }

    record ReversalRequest(@NotBlank @Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    record CreditRequest(PaymentTerms terms, Map<String, BigDecimal> creditLimits, @Size(max = 20) String creditRating,
                         @PastOrPresent Instant occurredAt) {
    }

    record ShipmentRecorded(int shipmentNo, LocalDate dueOn, BigDecimal fromCredit, long version) {
    }

    record CollectionRecorded(int collectionNo, List<Allocation> allocations, BigDecimal credit, long version) {
    }

    @PostMapping("/api/customers/{customerId}/purchases/{purchaseNo}/shipments")
    @Operation(summary = "Record a shipment of a purchase (发货; FINANCE)", description = "Partial shipments are allowed; "
            + "together never more than ordered in quantity or amount (409 over-shipment with the figures), never of a "
            + "cancelled purchase (409 purchase-cancelled). In the purchase's currency. The amount becomes receivable, "
            + "due by the customer's payment terms (payment.terms; CASH where none): the answer's dueOn; an earlier "
            + "overpayment (credit) settles what it can (fromCredit). shippedAt: when it left (default now, never in "
            + "the future). The same reference with the same figures answers as the first and writes nothing; with "
            + "other figures 409 shipment-ref-taken.")
    ResponseEntity<ShipmentRecorded> ship(@PathVariable UUID customerId, @PathVariable int purchaseNo,
                                          @Valid @RequestBody ShipmentRequest request,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Instant shippedAt = request.shippedAt() != null ? request.shippedAt() : clock.instant();
        MoneyCommands.Shipped shipped = commands.send(new MoneyCommands.RecordShipment(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), purchaseNo, request.reference(),
                request.shippedAt() == null ? null : shippedAt, zone.dayOf(shippedAt), request.quantity(),
                request.amount().setScale(2)), request.shippedAt());
        return Written.answer(HttpStatus.CREATED, shipped.version(), new ShipmentRecorded(shipped.shipmentNo(),
                shipped.dueOn(), shipped.fromCredit(), shipped.version()));
    }

    @PostMapping("/api/customers/{customerId}/collections")
    @Operation(summary = "Record a collection (回款; FINANCE)", description = "Settles the receivables its "
            + "allocations name ({shipmentNo, amount}: open, in its currency, no more than open, together no more than "
            + "the amount; else 409 allocation-invalid), or else the oldest open first (by due day, then shipment); "
            + "what is over is kept as the customer's credit and settles later shipments. currency: ISO 4217, CNY "
            + "when absent. The same reference with the same figures answers as the first and writes nothing (two "
            + "clients sending it at once write it once); with other figures 409 collection-ref-taken.")
    ResponseEntity<CollectionRecorded> collect(@PathVariable UUID customerId,
                                               @Valid @RequestBody CollectionRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        String currency = request.currency() == null ? DEFAULT_CURRENCY : request.currency();
        if (!com.customerarchive.command.web.Currencies.isIso4217(currency)) {
            throw new InvalidRequestException("currency", "an ISO 4217 code such as CNY");
        }
        List<Allocation> allocations = request.allocations() == null ? List.of() : request.allocations().stream()
                .map(allocation -> new Allocation(allocation.shipmentNo(), allocation.amount().setScale(2))).toList();
        // received now unless the request says when (a repeat without receivedAt is the same collection)
        MoneyCommands.Collected collected = commands.send(new MoneyCommands.RecordCollection(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.reference(), request.receivedAt(),
                request.amount().setScale(2), currency, allocations), request.receivedAt());
        return Written.answer(HttpStatus.CREATED, collected.version(), new CollectionRecorded(collected.collectionNo(),
                collected.allocations(), collected.credit(), collected.version()));
    }

    @PostMapping("/api/customers/{customerId}/collections/{reference}/reverse")
    @Operation(summary = "Reverse a collection that bounced (退票; FINANCE), with a reason", description = "What it "
            + "settled is open again (with its old due days), its credit is gone (where that credit already settled later "
            + "shipments, those are open again). Once only: 409 collection-already-reversed; an unknown reference 404.")
    ResponseEntity<Written.WriteAnswer> reverse(@PathVariable UUID customerId, @PathVariable String reference,
                                                @Valid @RequestBody ReversalRequest request,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Instant at = request.occurredAt() != null ? request.occurredAt() : clock.instant();
        long version = commands.send(new MoneyCommands.ReverseCollection(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), reference, at, request.reason()), request.occurredAt());
        return Written.ok(version);
    }

    @PutMapping("/api/customers/{customerId}/credit")
    @Operation(summary = "Propose the customer's payment terms, credit limits and rating (付款信息)", description =
            "terms: {kind: CASH} | {kind: NET_DAYS, days: 1–365} | {kind: MONTHLY_STATEMENT, day: 1–31}; creditLimits: "
            + "{\"CNY\": 200000, …} per ISO 4217 currency (a currency left out is not limited); creditRating: one of "
            + "archive.credit.ratings. Fields left out stay as they are; null clears. The card's payment section is edited "
            + "as PATCH /card would: once the customer is approved, terms and limits are signed fields, so the change is "
            + "proposed (the answer's proposal) and takes effect when a manager other than its author approves it "
            + "(POST /api/customers/{id}/proposals/{proposalId}/approve); the rating changes at once.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json",
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CreditRequest.class)))
    ResponseEntity<Written.CardEdited> credit(@PathVariable UUID customerId, @RequestBody tools.jackson.databind.JsonNode body,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Set<String> allowed = Set.of("terms", "creditLimits", "creditRating", "occurredAt");
        List<ProblemResponses.FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject() || body.isEmpty()) {
            errors.add(new ProblemResponses.FieldError("body", "name terms, creditLimits or creditRating"));
        } else {
            body.propertyNames().stream().filter(key -> !allowed.contains(key)).sorted()
                    .forEach(key -> errors.add(new ProblemResponses.FieldError(key, "not a field of the credit terms")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        tools.jackson.databind.node.ObjectNode payment = ((tools.jackson.databind.node.ObjectNode) body).deepCopy();
        tools.jackson.databind.JsonNode occurredAt = payment.remove("occurredAt");
        tools.jackson.databind.node.ObjectNode patch = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        patch.set("payment", payment);
        if (occurredAt != null) {
            patch.set("occurredAt", occurredAt);
        }
        var read = cards.read(patch);
        Set<String> signed = com.customerarchive.command.customer.AdmissionPolicy.signedOf(admission.enabled(),
                admission.signedFields());
        CardEdit edit = commands.send(new EditProfileCardCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), read.patch(), signed, UUID.randomUUID().toString()),
                read.occurredAt());
        return Written.answer(HttpStatus.OK, edit.version(), new Written.CardEdited(edit.version(), edit.changed(),
                edit.proposalId() == null ? null : new Written.Proposal(UUID.fromString(edit.proposalId()),
                        edit.proposed())));
    }
}
