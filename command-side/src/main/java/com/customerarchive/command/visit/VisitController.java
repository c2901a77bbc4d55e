package com.customerarchive.command.visit;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.command.customer.RecordVisitCommand;
import com.customerarchive.command.customer.RecordedVisit;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.ProblemResponses;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.ContactRole;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.VisitContact;
import com.customerarchive.events.VisitMethod;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
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

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/customers/{customerId}/visits")
@Tag(name = "visits", description = "Visits, calls and every other contact with a customer (拜访记录)")
class VisitController {


    private final CommandSender commands;
    private final Clock clock;
    private final BusinessZone zone;
    private final com.customerarchive.command.route.Catalogues catalogue;

    VisitController(CommandSender commands, Clock clock, BusinessZone zone,
                    com.customerarchive.command.route.Catalogues catalogue) {
        this.zone = zone;
        this.commands = commands;
        this.clock = clock;
        this.catalogue = catalogue;
    }

    /** One product on the shelf (店头检查); a correction gives the previous stock it replaces and why. */
    record StoreCheck(@jakarta.validation.constraints.NotBlank String sku,
                      @NotNull @jakarta.validation.constraints.PositiveOrZero
                      @jakarta.validation.constraints.Digits(integer = 9, fraction = 2) java.math.BigDecimal stock,
                      @jakarta.validation.constraints.PositiveOrZero
                      @jakarta.validation.constraints.Digits(integer = 9, fraction = 2) java.math.BigDecimal delivered,
                      @jakarta.validation.constraints.PositiveOrZero Integer facings, Boolean merchandised,
                      @Size(max = 20) List<@Size(max = 50) String> competitorSkus,
                      @jakarta.validation.constraints.PositiveOrZero
                      @jakarta.validation.constraints.Digits(integer = 9, fraction = 2) java.math.BigDecimal correctedPreviousStock,
                      @Size(max = 500) String correctionReason) {
    }

    record Contact(@NotBlank @Size(max = 100) String name, ContactRole role) {
    }

    record VisitRequest(
            @PastOrPresent Instant occurredAt,
            @NotNull VisitMethod method,
            @Valid Contact contact,
            @Size(max = 4000) String notes,
            @Size(max = 2000) String conclusion,
            LocalDate nextFollowUpOn,
            @Size(max = 50) List<@Valid @NotNull StoreCheck> storeCheck) {
    }

    @PostMapping
    @Operation(summary = "Record a visit or call", description = "occurredAt is when the contact took place "
            + "(default now, never in the future); the visit is numbered 1, 2, 3 … per customer and records the "
            + "customer's grade at that moment. 201 with visitNo and version. An outlet's visit may carry storeCheck: "
            + "[{sku, stock, delivered, facings, merchandised, competitorSkus}] (a SKU of archive.catalogue, each once): "
            + "the answer's storeCheck gives each product's previousStock, sold since the last check (previous + "
            + "delivered − stock; none at the first check) and suggestedOrder (the trade type's target stock − stock, "
            + "never negative). Sales below zero are 409 store-check-inconsistent naming the SKU and the three figures; "
            + "a correction visit gives correctedPreviousStock with a correctionReason.")
    ResponseEntity<Written.VisitRecorded> record(@PathVariable UUID customerId, @Valid @RequestBody VisitRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Instant visitedAt = request.occurredAt() != null ? request.occurredAt() : clock.instant();
        checkFollowUp(visitedAt, request.nextFollowUpOn());
        VisitContact contact = request.contact() == null ? null
                : new VisitContact(request.contact().name(), request.contact().role());
        // the catalogue (a look-up of the organisation's stream) only for a visit with a store check, and once
        boolean checked = request.storeCheck() != null && !request.storeCheck().isEmpty();
        com.customerarchive.events.route.Catalogue products = checked ? catalogue.current() : null;
        List<RecordVisitCommand.StoreCheckInput> check = checked ? storeCheck(request.storeCheck(), products) : List.of();
        RecordedVisit visit = commands.send(new RecordVisitCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), visitedAt, request.method(), contact, request.notes(),
                request.conclusion(), request.nextFollowUpOn(), check, products), visitedAt);
        return Written.answer(HttpStatus.CREATED, visit.version(), new Written.VisitRecorded(visit.visitNo(),
                visit.version(), visit.storeCheck()));
    }

    /** The store check's lines: SKUs of the catalogue, active, each once; a correction has its reason. */
    private List<RecordVisitCommand.StoreCheckInput> storeCheck(List<StoreCheck> lines,
                                                               com.customerarchive.events.route.Catalogue products) {
        List<ProblemResponses.FieldError> errors = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            StoreCheck line = lines.get(i);
            var product = products.product(line.sku());
            if (product.isEmpty()) {
                errors.add(new ProblemResponses.FieldError("storeCheck[" + i + "].sku", "not a product of the "
                        + "catalogue: one of " + products.products().stream().map(p -> p.sku()).toList()));
            } else if (!product.get().active()) {
                errors.add(new ProblemResponses.FieldError("storeCheck[" + i + "].sku", "no longer carried: the "
                        + "catalogue marks " + line.sku() + " inactive"));
            } else if (!seen.add(line.sku())) {
                errors.add(new ProblemResponses.FieldError("storeCheck[" + i + "].sku", "each product once"));
            }
            if (line.correctedPreviousStock() != null
                    && (line.correctionReason() == null || line.correctionReason().isBlank())) {
                errors.add(new ProblemResponses.FieldError("storeCheck[" + i + "].correctionReason",
                        "a correction of the previous stock says why"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return lines.stream().map(line -> new RecordVisitCommand.StoreCheckInput(line.sku(), line.stock(),
                line.delivered(), line.facings(), line.merchandised(), line.competitorSkus(),
                line.correctedPreviousStock(), line.correctionReason())).toList();
    }

    private void checkFollowUp(Instant visitedAt, LocalDate nextFollowUpOn) {
        if (nextFollowUpOn == null) {
            return;
        }
        LocalDate visitDay = zone.dayOf(visitedAt);
        if (!RecordVisitCommand.followUpWithin(visitDay, nextFollowUpOn)) {
            throw new InvalidRequestException(List.of(new ProblemResponses.FieldError("nextFollowUpOn",
                    "must be on or after the visit and within " + RecordVisitCommand.MAX_FOLLOW_UP_YEARS
                            + " years of it")));
        }
    }
}
