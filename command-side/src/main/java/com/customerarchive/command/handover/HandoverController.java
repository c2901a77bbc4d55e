package com.customerarchive.command.handover;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** A leaving rep's book handed over (交接) in one request, and where such a job stands. */
@RestController
@RequestMapping("/api/customers/handover")
@Tag(name = "customers")
class HandoverController {

    /** Only these of the old owner's customers, when given. */
    record Filter(@Size(min = 1, max = 100_000) List<UUID> customerIds) {
    }

    record HandoverRequest(@NotBlank @Size(max = 100) String fromOwner, @NotBlank @Size(max = 100) String toOwner,
                           @NotBlank @Size(max = 2000) String reason, @Valid Filter filter,
                           com.customerarchive.events.TeamAccess keepPreviousOwnerAs) {
    }

    private final Handovers handovers;

    HandoverController(Handovers handovers) {
        this.handovers = handovers;
    }

    @PostMapping
    @Operation(summary = "Hand a rep's whole book (or the customers of filter.customerIds) to another owner",
            description = "202 with the job: jobId, count (the customers it moves) and its progress. One "
                    + "OwnerTransferred per customer, each with the job's id as correlation id and the requester as "
                    + "actor; open complaints and agenda items follow the customers (they belong to the owner). The "
                    + "same request again is the same job: it finishes what is left (after a crash, say) and moves "
                    + "nobody twice; the job also goes on by itself when command-side starts again. A customer the "
                    + "transfer refuses (archived: customer-archived, erased, merged) stays and is listed under "
                    + "refused with the rule. Reserved to TEAM_LEAD, BRANCH_MANAGER and HEAD (a MANAGER who is no "
                    + "member of the organisation), else 403 handover-needs-lead; both owners lie in the user's scope, "
                    + "else 403 out-of-scope. keepPreviousOwnerAs READ or WRITE keeps the old owner on each customer's "
                    + "team (相关团队) with that access.")
    ResponseEntity<Handovers.Job> handOver(@Valid @RequestBody HandoverRequest request, Authentication user) {
        var job = handovers.start(new Handovers.Request(request.fromOwner(), request.toOwner(), request.reason(),
                request.filter() == null ? null : request.filter().customerIds(), request.keepPreviousOwnerAs()), user);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
    }

    @GetMapping("/{jobId}")
    @Operation(summary = "Where a handover stands: RUNNING or DONE, moved, pending and refused customers")
    Handovers.Job progress(@PathVariable UUID jobId, Authentication user) {
        return handovers.progress(jobId, user);
    }
}
