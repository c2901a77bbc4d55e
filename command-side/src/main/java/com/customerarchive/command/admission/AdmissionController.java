package com.customerarchive.command.admission;

import com.customerarchive.command.customer.Approval;
import com.customerarchive.command.customer.ApproveProposalCommand;
import com.customerarchive.command.customer.RejectProposalCommand;
import com.customerarchive.command.customer.ResubmitCustomerCommand;
import com.customerarchive.command.customer.ReturnCustomerCommand;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.ReturnReason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "admission", description = "Review and sign-off of a new card (审核 · 签字 · 编码管理): a registration waits "
        + "for a manager other than its author, who approves it (the customer gets its code) or returns it with "
        + "reasons per field; changes to signed fields of an approved card are proposals a second manager decides.")
class AdmissionController {

    private final Admission admission;
    private final CommandSender commands;

    AdmissionController(Admission admission, CommandSender commands) {
        this.admission = admission;
        this.commands = commands;
    }

    record Approve(@Size(max = 4000) String notes, @PastOrPresent Instant occurredAt) {
    }

    record Reason(@NotBlank @Size(max = 200) String field, @NotBlank @Size(max = 2000) String message) {
    }

    record Return(@NotEmpty @Size(max = 100) List<@Valid Reason> reasons, @PastOrPresent Instant occurredAt) {
    }

    record Resubmit(@Size(max = 4000) String notes, @PastOrPresent Instant occurredAt) {
    }

    record Decision(@Size(max = 4000) String notes, @Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    record Approved(String code, long version) {
    }

    record Migrate(@Size(max = 4000) String notes) {
    }

    record MigrationDone(int migrated, List<Admission.Migrated> customers) {
    }

    @PostMapping("/api/customers/{customerId}/admission/approve")
    @Operation(summary = "Approve (sign) a card waiting for review (MANAGER): the customer gets its code",
            description = "409 reviewer-is-author when the manager registered or last edited the card; 409 "
                    + "required-fields-missing naming every required field the card lacks (errors lists them; "
                    + "archive.admission.required-fields); 409 admission-not-pending unless the card waits for review.")
    ResponseEntity<Approved> approve(@PathVariable UUID customerId, @Valid @RequestBody(required = false) Approve request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Approval approval = admission.approve(customerId, IfMatch.expectedAggregateVersion(ifMatch),
                request == null ? null : request.notes(), request == null ? null : request.occurredAt());
        return Written.answer(HttpStatus.OK, approval.version(), new Approved(approval.code(), approval.version()));
    }

    @PostMapping("/api/customers/{customerId}/admission/return")
    @Operation(summary = "Return a card to its rep (MANAGER), with a reason per field",
            description = "The card waits for the rep's corrections and resubmission; 409 reviewer-is-author as for approval.")
    ResponseEntity<Written.WriteAnswer> returnCard(@PathVariable UUID customerId, @Valid @RequestBody Return request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        List<ReturnReason> reasons = request.reasons().stream()
                .map(reason -> new ReturnReason(reason.field(), reason.message())).toList();
        long version = commands.send(new ReturnCustomerCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), reasons), request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/api/customers/{customerId}/admission/resubmit")
    @Operation(summary = "Send a returned card, corrected, back for review (its rep, a clerk or a manager)",
            description = "409 admission-not-returned unless the card was returned.")
    ResponseEntity<Written.WriteAnswer> resubmit(@PathVariable UUID customerId,
            @Valid @RequestBody(required = false) Resubmit request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new ResubmitCustomerCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request == null ? null : request.notes()),
                request == null ? null : request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/api/customers/{customerId}/proposals/{proposalId}/approve")
    @Operation(summary = "Approve a proposed change to signed fields (MANAGER other than its author)",
            description = "The card takes the proposed values (a card edit follows the approval); 409 "
                    + "reviewer-is-author for the proposal's author; 404 proposal-not-found for one unknown or decided.")
    ResponseEntity<Written.WriteAnswer> approveProposal(@PathVariable UUID customerId, @PathVariable UUID proposalId,
            @Valid @RequestBody(required = false) Decision request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new ApproveProposalCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), proposalId.toString(),
                request == null ? null : request.notes()), request == null ? null : request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/api/customers/{customerId}/proposals/{proposalId}/reject")
    @Operation(summary = "Reject a proposed change to signed fields, with a reason (MANAGER other than its author)",
            description = "The card keeps its values; 409 reason-required without a reason.")
    ResponseEntity<Written.WriteAnswer> rejectProposal(@PathVariable UUID customerId, @PathVariable UUID proposalId,
            @Valid @RequestBody Decision request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new RejectProposalCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), proposalId.toString(), request.reason()),
                request.occurredAt());
        return Written.ok(version);
    }

    @PostMapping("/api/admin/admission/migrate")
    @Operation(summary = "Approve and code every customer registered before review existed (ADMIN)",
            description = "notes (optional) go on each approval. Coded in the order they were registered, approved as "
                    + "of now; customers already coded or "
                    + "waiting for review are left as they are, so a second run migrates none.")
    MigrationDone migrate(@Valid @RequestBody(required = false) Migrate request) {
        List<Admission.Migrated> migrated = admission.migrate(request == null ? null : request.notes());
        return new MigrationDone(migrated.size(), migrated);
    }
}
