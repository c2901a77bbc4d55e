package com.customerarchive.command.complaint;

import com.customerarchive.command.customer.AssignComplaintCommand;
import com.customerarchive.command.customer.CloseComplaintCommand;
import com.customerarchive.command.customer.FileComplaintCommand;
import com.customerarchive.command.customer.FollowUpComplaintCommand;
import com.customerarchive.command.customer.ReopenComplaintCommand;
import com.customerarchive.command.customer.ResolveComplaintCommand;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.ComplaintCategory;
import com.customerarchive.events.ComplaintId;
import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.Responsibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
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

import java.time.Instant;
import java.util.UUID;

@RestController
@RequestMapping("/api/customers/{customerId}/complaints")
@Tag(name = "complaints", description = "Complaints (客户抱怨) from filing through assignment, resolution, return "
        + "visit and closing; a resolved, followed-up or closed complaint may be reopened")
class ComplaintController {

    private final CommandSender commands;

    ComplaintController(CommandSender commands) {
        this.commands = commands;
    }

    record FileRequest(@NotNull ComplaintCategory category, @NotNull ComplaintSeverity severity,
                       @NotBlank @Size(max = 4000) String description, @Size(max = 50) String channel,
                       @PastOrPresent Instant occurredAt) {
    }

    record AssignRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+",
            message = "letters, digits and . _ @ - only") String assignee, @PastOrPresent Instant occurredAt) {
    }

    record ResolveRequest(@NotBlank @Size(max = 4000) String resolution, @NotNull Responsibility responsibility,
                          @PastOrPresent Instant occurredAt) {
    }

    /** The 1–5 range is the complaint's rule (409 satisfaction-out-of-range), not a shape check. */
    record FollowUpRequest(@NotNull Integer satisfaction, @Size(max = 4000) String notes,
                           @PastOrPresent Instant occurredAt) {
    }

    record StepRequest(@PastOrPresent Instant occurredAt) {
    }

    record ReopenRequest(@Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    @PostMapping
    @Operation(summary = "File a complaint", description = "201 with the new complaintId and the version")
    ResponseEntity<Written.ComplaintFiled> file(@PathVariable UUID customerId, @Valid @RequestBody FileRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var complaintId = new ComplaintId(UUID.randomUUID());
        long version = commands.send(new FileComplaintCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), complaintId, request.category(), request.severity(),
                request.description(), request.channel()), request.occurredAt());
        return Written.answer(HttpStatus.CREATED, version, new Written.ComplaintFiled(complaintId.value(), version));
    }

    @PostMapping("/{complaintId}/assign")
    @Operation(summary = "Make someone responsible for the complaint (again, after a reopening)")
    ResponseEntity<Written.WriteAnswer> assign(@PathVariable UUID customerId, @PathVariable UUID complaintId,
            @Valid @RequestBody AssignRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new AssignComplaintCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), new ComplaintId(complaintId), request.assignee()),
                request.occurredAt()));
    }

    @PostMapping("/{complaintId}/resolve")
    @Operation(summary = "Resolve an assigned complaint, saying whose responsibility it was")
    ResponseEntity<Written.WriteAnswer> resolve(@PathVariable UUID customerId, @PathVariable UUID complaintId,
            @Valid @RequestBody ResolveRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new ResolveComplaintCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), new ComplaintId(complaintId), request.resolution(),
                request.responsibility()), request.occurredAt()));
    }

    @PostMapping("/{complaintId}/follow-up")
    @Operation(summary = "Record the return visit after the resolution, with satisfaction 1–5")
    ResponseEntity<Written.WriteAnswer> followUp(@PathVariable UUID customerId, @PathVariable UUID complaintId,
            @Valid @RequestBody FollowUpRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new FollowUpComplaintCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), new ComplaintId(complaintId), request.satisfaction(),
                request.notes()), request.occurredAt()));
    }

    @PostMapping("/{complaintId}/close")
    @Operation(summary = "Close a followed-up complaint")
    ResponseEntity<Written.WriteAnswer> close(@PathVariable UUID customerId, @PathVariable UUID complaintId,
            @Valid @RequestBody(required = false) StepRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new CloseComplaintCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), new ComplaintId(complaintId)),
                request == null ? null : request.occurredAt()));
    }

    @PostMapping("/{complaintId}/reopen")
    @Operation(summary = "Reopen a resolved, followed-up or closed complaint, with a reason")
    ResponseEntity<Written.WriteAnswer> reopen(@PathVariable UUID customerId, @PathVariable UUID complaintId,
            @Valid @RequestBody ReopenRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Written.ok(commands.send(new ReopenComplaintCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), new ComplaintId(complaintId), request.reason()),
                request.occurredAt()));
    }
}
