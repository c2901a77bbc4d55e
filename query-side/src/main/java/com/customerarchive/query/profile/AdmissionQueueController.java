package com.customerarchive.query.profile;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.ReturnReason;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "admission", description = "Review and coding (审核 · 签字 · 编码管理): the cards waiting for a manager, "
        + "and customers by their code.")
class AdmissionQueueController {

    private static final int MAX_QUEUE = 500;

    private final ProfileRepository profiles;
    private final ProfileController profileController;
    private final CustomerScope scope;
    private final Clock clock;

    private final com.customerarchive.query.core.Completeness completeness;

    AdmissionQueueController(ProfileRepository profiles, ProfileController profileController, CustomerScope scope,
                             Clock clock, com.customerarchive.query.core.Completeness completeness) {
        this.completeness = completeness;
        this.profiles = profiles;
        this.profileController = profileController;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * One card in the queue: where it stands since when, how long it has waited, what waits on it, and how complete
     * it is (the reviewer sees the gaps before signing).
     */
    record QueueItem(UUID customerId, String code, String name, String ownerId, AdmissionState admission,
                     Instant since, long ageHours, long ageDays, List<ReturnReason> returnReasons,
                     List<PendingProposal> pendingProposals, com.customerarchive.query.core.Completeness.Score completeness) {
    }

    record PendingProposal(String proposalId, List<String> fields, List<FieldChange> changes, String proposedBy,
                           Instant proposedAt) {
    }

    record Queue(List<QueueItem> items, int total) {
    }

    @GetMapping("/api/customers/by-code/{code}")
    @Operation(summary = "A customer's current profile by its code (ZJ202600042)",
            description = "The same answer as GET /api/profiles/{id}; 404 when no customer has the code.")
    ProfileView byCode(@PathVariable String code, jakarta.servlet.http.HttpServletResponse response) {
        if (code.length() > 64) {
            throw new InvalidRequestException("code", "at most 64 characters");
        }
        UUID customerId = profiles.byCode(code).map(ProfileState::customerId).orElseThrow(() ->
                new NotFoundException("customer-not-found", "Customer not found", "No customer has the code " + code + "."));
        return profileController.profile(customerId, null, response);
    }

    @ReadsCustomers
    @GetMapping("/api/admission/queue")
    @Operation(summary = "The review queue (MANAGER, CLERK; a rep its own)",
            description = "Cards waiting for review (PENDING_REVIEW) or returned to their rep (RETURNED, with the "
                    + "reasons), and approved customers with proposed changes to signed fields waiting; the longest "
                    + "waiting first, with its age in hours and days since it entered that state, and how complete its "
                    + "card is (completeness: score and missing fields by section).")
    Queue queue(@RequestParam(required = false) String ownerId) {
        Instant now = clock.instant();
        List<QueueItem> items = profiles.queue(scope.owners(ownerId == null || ownerId.isBlank() ? null : ownerId),
                        MAX_QUEUE).stream()
                .map(state -> item(state, now)).toList();
        return new Queue(items, items.size());
    }

    private QueueItem item(ProfileState state, Instant now) {
        boolean withheld = scope.withholds(state.consentGranted());
        Instant since = state.admission() == AdmissionState.APPROVED && !state.proposals().isEmpty()
                ? state.proposals().get(0).proposedAt() : state.admissionSince();
        Duration age = since == null ? Duration.ZERO : Duration.between(since, now);
        List<PendingProposal> proposals = state.proposals().stream().map(proposal -> new PendingProposal(
                proposal.proposalId(), proposal.changes().stream().map(FieldChange::field).toList(),
                withheld ? proposal.changes().stream().map(change -> new FieldChange(change.field(),
                        Redaction.WITHHELD, Redaction.WITHHELD)).toList() : proposal.changes(),
                proposal.proposedBy(), proposal.proposedAt())).toList();
        return new QueueItem(state.customerId(), state.code(), withheld ? Redaction.WITHHELD : state.name(),
                state.ownerId(), state.admission(), since, age.toHours(), age.toDays(), state.returnReasons(), proposals,
                completeness.of(state.kind(), state.card()));
    }
}
