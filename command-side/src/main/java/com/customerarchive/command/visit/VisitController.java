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

    /** A next follow-up further out than this is a typing error, not a plan. */
    private static final int MAX_FOLLOW_UP_YEARS = 5;

    private final CommandSender commands;
    private final Clock clock;
    private final BusinessZone zone;

    VisitController(CommandSender commands, Clock clock, BusinessZone zone) {
        this.zone = zone;
        this.commands = commands;
        this.clock = clock;
    }

    record Contact(@NotBlank @Size(max = 100) String name, ContactRole role) {
    }

    record VisitRequest(
            @PastOrPresent Instant occurredAt,
            @NotNull VisitMethod method,
            @Valid Contact contact,
            @Size(max = 4000) String notes,
            @Size(max = 2000) String conclusion,
            LocalDate nextFollowUpOn) {
    }

    @PostMapping
    @Operation(summary = "Record a visit or call", description = "occurredAt is when the contact took place "
            + "(default now, never in the future); the visit is numbered 1, 2, 3 … per customer and records the "
            + "customer's grade at that moment. 201 with visitNo and version.")
    ResponseEntity<Written.VisitRecorded> record(@PathVariable UUID customerId, @Valid @RequestBody VisitRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Instant visitedAt = request.occurredAt() != null ? request.occurredAt() : clock.instant();
        checkFollowUp(visitedAt, request.nextFollowUpOn());
        VisitContact contact = request.contact() == null ? null
                : new VisitContact(request.contact().name(), request.contact().role());
        RecordedVisit visit = commands.send(new RecordVisitCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), visitedAt, request.method(), contact, request.notes(),
                request.conclusion(), request.nextFollowUpOn()), visitedAt);
        return Written.answer(HttpStatus.CREATED, visit.version(), new Written.VisitRecorded(visit.visitNo(), visit.version()));
    }

    private void checkFollowUp(Instant visitedAt, LocalDate nextFollowUpOn) {
        if (nextFollowUpOn == null) {
            return;
        }
        LocalDate visitDay = zone.dayOf(visitedAt);
        if (nextFollowUpOn.isBefore(visitDay) || nextFollowUpOn.isAfter(visitDay.plusYears(MAX_FOLLOW_UP_YEARS))) {
            throw new InvalidRequestException(List.of(new ProblemResponses.FieldError("nextFollowUpOn",
                    "must be on or after the visit and within " + MAX_FOLLOW_UP_YEARS + " years of it")));
        }
    }
}
