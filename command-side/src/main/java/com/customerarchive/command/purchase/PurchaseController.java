package com.customerarchive.command.purchase;

import com.customerarchive.command.customer.CancelPurchaseCommand;
import com.customerarchive.command.customer.RecordPurchaseCommand;
import com.customerarchive.command.customer.RecordedPurchase;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.CustomerId;
import com.customerarchive.platform.web.InvalidRequestException;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@RestController
@RequestMapping("/api/customers/{customerId}/purchases")
@Tag(name = "purchases", description = "What the customer buys (购买信息): the card's purchase figures, the lifecycle and "
        + "the customer's value are derived from these")
class PurchaseController {

    static final String DEFAULT_CURRENCY = "CNY";

    private final CommandSender commands;

    PurchaseController(CommandSender commands) {
        this.commands = commands;
    }

    record PurchaseRequest(
            @PastOrPresent Instant occurredAt,
            @NotBlank @Size(max = 200) String product,
            @NotNull @Positive @Digits(integer = 12, fraction = 4) BigDecimal quantity,
            @NotNull @Positive @Digits(integer = 15, fraction = 2) @DecimalMax("999999999999999.99") BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as CNY") String currency,
            @NotBlank @Size(max = 100) @Pattern(regexp = com.customerarchive.command.customer.RecordPurchaseCommand.REFERENCE, message = "letters, digits and . _ / # - only")
            String orderRef,
            @Size(max = 2000) String creditOverride) {
    }

    record CancelRequest(@Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    @PostMapping
    @Operation(summary = "Record a purchase", description = "Numbered 1, 2, 3 … per customer; quantity and amount "
            + "are exact decimals, currency ISO 4217 (CNY when absent), occurredAt when it was bought (default now, "
            + "never in the future). The same orderRef with the same purchase again answers as the first and writes "
            + "nothing; the same orderRef with other figures is 409 order-ref-taken. The credit rules (money after the "
            + "sale): a customer with receivables more than 90 days past due is 409 credit-hold, a purchase that takes "
            + "open receivables plus open orders past the credit limit in its currency 409 credit-limit-exceeded, "
            + "both with the figures (limit, exposure, receivable, openOrders, amount, available, daysPastDue); a "
            + "MANAGER lets it through with creditOverride: a reason (recorded as CreditOverridden with the figures), "
            + "from another role 403 override-needs-manager.")
    ResponseEntity<Written.PurchaseRecorded> record(@PathVariable UUID customerId,
            @Valid @RequestBody PurchaseRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            org.springframework.security.core.Authentication user) {
        String override = request.creditOverride() == null || request.creditOverride().isBlank() ? null
                : request.creditOverride().strip();
        if (override != null && !com.customerarchive.platform.security.Roles.of(user)
                .contains(com.customerarchive.platform.security.Role.MANAGER)) {
            throw new com.customerarchive.platform.web.ForbiddenException("override-needs-manager",
                    "Only a manager overrides the credit rules", "Letting a purchase through the credit limit or the "
                    + "credit hold (creditOverride) is a manager's decision.");
        }
        String currency = request.currency() == null ? DEFAULT_CURRENCY : request.currency();
        if (!com.customerarchive.command.web.Currencies.isIso4217(currency)) {
            throw new InvalidRequestException("currency", "an ISO 4217 code such as CNY");
        }
        RecordedPurchase purchase = commands.send(new RecordPurchaseCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.orderRef(), request.product().strip(),
                request.quantity(), request.amount().setScale(2), currency, request.occurredAt(), override),
                request.occurredAt());
        return Written.answer(HttpStatus.CREATED, purchase.version(),
                new Written.PurchaseRecorded(purchase.purchaseNo(), purchase.version()));
    }

    @PostMapping("/{purchaseNo}/cancel")
    @Operation(summary = "Cancel a purchase booked in error, with a reason",
            description = "It stays in the record, marked cancelled, and counts nowhere. Once only.")
    ResponseEntity<Written.WriteAnswer> cancel(@PathVariable UUID customerId, @PathVariable int purchaseNo,
            @Valid @RequestBody CancelRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new CancelPurchaseCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), purchaseNo, request.reason()), request.occurredAt()));
    }
}
