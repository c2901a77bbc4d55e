package com.customerarchive.command.membership;

import com.customerarchive.command.customer.CancelMembershipCardCommand;
import com.customerarchive.command.customer.ChangeMembershipTierCommand;
import com.customerarchive.command.customer.RecordedCard;
import com.customerarchive.command.customer.RecordedUse;
import com.customerarchive.command.customer.RenewMembershipCardCommand;
import com.customerarchive.command.customer.ReportMembershipCardLostCommand;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.MembershipCardNumber;
import com.customerarchive.events.MembershipTier;
import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@RestController
@Tag(name = "membership cards", description = "The customer's membership card (会员卡): issue, renew, change tier, "
        + "report lost, reissue, cancel; uses at outlets by card number")
class MembershipController {

    private static final String CARD = "/api/customers/{customerId}/membership-card";

    private final MembershipCards cards;
    private final CommandSender commands;

    MembershipController(MembershipCards cards, CommandSender commands) {
        this.cards = cards;
        this.commands = commands;
    }

    record IssueRequest(@NotNull MembershipTier tier, @NotNull LocalDate validUntil,
                        @NotNull @PositiveOrZero @Digits(integer = 9, fraction = 2) BigDecimal fee,
                        @NotNull Boolean identityChecked, @PastOrPresent Instant occurredAt) {
    }

    record RenewRequest(@NotNull LocalDate validUntil, @NotNull @PositiveOrZero @Digits(integer = 9, fraction = 2) BigDecimal fee,
                        @PastOrPresent Instant occurredAt) {
    }

    record TierRequest(@NotNull MembershipTier tier, @Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    record FeeRequest(@NotNull @PositiveOrZero @Digits(integer = 9, fraction = 2) BigDecimal fee,
                      @PastOrPresent Instant occurredAt) {
    }

    record StepRequest(@PastOrPresent Instant occurredAt) {
    }

    record ReasonRequest(@Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    record UseRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "an outlet code: letters, "
            + "digits and . _ -") String outlet, @PastOrPresent Instant occurredAt,
                      @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    @PostMapping(CARD)
    @Operation(summary = "Issue a membership card", description = "Only after the holder's identity document was "
            + "checked (identityChecked: true, else 409 identity-not-checked); at most one live card (409 "
            + "membership-card-held). Valid from today until validUntil. 201 with the new card number (16 digits, Luhn).")
    ResponseEntity<Written.CardIssued> issue(@PathVariable UUID customerId, @Valid @RequestBody IssueRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        RecordedCard card = cards.issue(customerId, IfMatch.expectedAggregateVersion(ifMatch), request.tier(),
                request.validUntil(), request.fee(), request.identityChecked(), request.occurredAt());
        return Written.answer(HttpStatus.CREATED, card.version(), new Written.CardIssued(card.cardNumber(), card.version()));
    }

    @PostMapping(CARD + "/renew")
    @Operation(summary = "Renew the card to a later end date, for a fee", description = "409 renewal-not-extending when "
            + "the new end is not later; a cancelled card is not renewed (409 membership-card-not-live).")
    ResponseEntity<Written.WriteAnswer> renew(@PathVariable UUID customerId, @Valid @RequestBody RenewRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new RenewMembershipCardCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.validUntil(), request.fee()), request.occurredAt()));
    }

    @PutMapping(CARD + "/tier")
    @Operation(summary = "Move the card to another tier, with a reason")
    ResponseEntity<Written.WriteAnswer> tier(@PathVariable UUID customerId, @Valid @RequestBody TierRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new ChangeMembershipTierCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.tier(), request.reason()), request.occurredAt()));
    }

    @PostMapping(CARD + "/report-lost")
    @Operation(summary = "Report the card lost", description = "Its number is blocked from the moment this answers.")
    ResponseEntity<Written.WriteAnswer> reportLost(@PathVariable UUID customerId,
            @Valid @RequestBody(required = false) StepRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new ReportMembershipCardLostCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch)), request == null ? null : request.occurredAt()));
    }

    @PostMapping(CARD + "/reissue")
    @Operation(summary = "Reissue a lost or expired card under a new number, for a fee", description = "The old number "
            + "is dead for good; a live card in its validity is not reissued (409 membership-card-not-lost).")
    ResponseEntity<Written.CardIssued> reissue(@PathVariable UUID customerId, @Valid @RequestBody FeeRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        RecordedCard card = cards.reissue(customerId, IfMatch.expectedAggregateVersion(ifMatch), request.fee(),
                request.occurredAt());
        return Written.answer(HttpStatus.CREATED, card.version(), new Written.CardIssued(card.cardNumber(), card.version()));
    }

    @PostMapping(CARD + "/cancel")
    @Operation(summary = "Cancel the card at the customer's request, with a reason")
    ResponseEntity<Written.WriteAnswer> cancel(@PathVariable UUID customerId, @Valid @RequestBody ReasonRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new CancelMembershipCardCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.reason()), request.occurredAt()));
    }

    @PostMapping("/api/customers/membership-cards/{cardNumber}/uses")
    @Operation(summary = "Record a use of the card at an outlet (OUTLET, SALES)", description = "By the number on the "
            + "card: a wrong check digit is 400 before any lookup, an unknown number 404; a card lost, cancelled, "
            + "replaced or outside its validity is 409 naming the rule. 201 with the use's number.")
    ResponseEntity<Written.CardUsed> use(@PathVariable String cardNumber, @Valid @RequestBody UseRequest request) {
        if (!MembershipCardNumber.isValid(cardNumber)) {
            throw new InvalidRequestException("cardNumber", "16 digits whose last is the Luhn check digit");
        }
        RecordedUse use = cards.use(cardNumber, request.outlet(), request.occurredAt(), request.amount());
        return Written.answer(HttpStatus.CREATED, use.version(), new Written.CardUsed(use.useNo(), use.version()));
    }
}
