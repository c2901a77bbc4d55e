package com.customerarchive.command.duplicate;

import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
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
@RequestMapping("/api/customers")
@Tag(name = "customers")
class MergeController {

    record MergeRequest(@Size(max = 2000) String reason, @PastOrPresent Instant occurredAt) {
    }

    private final Merges merges;

    MergeController(Merges merges) {
        this.merges = merges;
    }

    @PostMapping("/{customerId}/merge-into/{targetId}")
    @Operation(summary = "Merge a duplicate into the customer it duplicates (MANAGER), with a reason",
            description = "CustomerMerged on the duplicate: from then on every write to it is 409 customer-merged "
                    + "(its personal data can still be erased); on query-side its profile answers 200 with mergedInto "
                    + "and a Link header (rel=\"canonical\") naming the target, lists and reports count it as the "
                    + "target; its history stays. Refused: into itself (merge-into-itself), into a merged "
                    + "(merge-target-merged), archived (merge-target-archived) or erased customer (merge-target-erased), "
                    + "across kinds (merge-across-kinds), a duplicate with complaints not closed (duplicate-has-open-complaints), "
                    + "without a reason (reason-required); an unknown target is 404.")
    ResponseEntity<Written.WriteAnswer> merge(@PathVariable UUID customerId, @PathVariable UUID targetId,
            @Valid @RequestBody MergeRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = merges.merge(customerId, IfMatch.expectedAggregateVersion(ifMatch), targetId, request.reason(),
                request.occurredAt());
        return Written.ok(version);
    }
}
