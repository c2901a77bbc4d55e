package com.customerarchive.query.admin;

import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.pass.DeadLetters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "admin", description = "Projection status and replay, dead letters (ADMIN)")
class DeadLetterController {

    /** How long a retry is waited for before the answer says it is still under way. */
    private static final long WAIT_MILLIS = 10_000;

    private final DeadLetters deadLetters;
    private final Projections projections;
    private final Clock clock;

    DeadLetterController(DeadLetters deadLetters, Projections projections, Clock clock) {
        this.deadLetters = deadLetters;
        this.projections = projections;
        this.clock = clock;
    }

    /** Every waiting sequence, how many events wait in all. */
    record DeadLetterList(int sequences, int letters, List<DeadLetters.Sequence> waiting) {
    }

    /** A retry carried out ({@code done}), or still waiting for the instance that runs the pass. */
    record RetryAnswer(long request, boolean done, Integer retried, Integer recovered, Integer stillDead) {
    }

    @GetMapping
    @Operation(summary = "Events a read model could not handle, with their customers' later events waiting behind them",
            description = "One sequence per read model and customer, in the customer's order: the first letter carries "
                    + "the failure (type and first line, attempts), the others wait behind it. Every other customer and "
                    + "read model carries on meanwhile.")
    DeadLetterList list(@Parameter(description = "only this read model") @RequestParam(required = false) String model,
                        @Parameter(description = "only this customer") @RequestParam(required = false) String customerId) {
        List<DeadLetters.Sequence> waiting = deadLetters.list(projections.names(), known(model), customer(customerId));
        return new DeadLetterList(waiting.size(), waiting.stream().mapToInt(sequence -> sequence.letters().size()).sum(),
                waiting);
    }

    @PostMapping("/retry")
    @Operation(summary = "Retry dead letters (all, or one read model's, or one customer's)", description = "The instance "
            + "that runs the pass handles each sequence from its head: a letter that goes through leaves and the next is "
            + "tried; one that fails again stays with its new cause. 200 with the outcome once done (within 10 s), "
            + "else 202.")
    ResponseEntity<RetryAnswer> retry(@RequestParam(required = false) String model,
                                      @RequestParam(required = false) String customerId, Principal principal)
            throws InterruptedException {
        long request = deadLetters.requestRetry(known(model), customer(customerId), principal.getName(), clock.instant());
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Optional<DeadLetters.Outcome> outcome = deadLetters.outcome(request);
            if (outcome.isPresent()) {
                DeadLetters.Outcome done = outcome.get();
                return ResponseEntity.ok(new RetryAnswer(request, true, done.retried(), done.recovered(),
                        done.stillDead()));
            }
            Thread.sleep(100);
        }
        return ResponseEntity.accepted().location(URI.create("/api/admin/dead-letters"))
                .body(new RetryAnswer(request, false, null, null, null));
    }

    private String known(String model) {
        if (model != null && !projections.names().contains(model)) {
            throw new NotFoundException("projection-not-found", "Projection not found",
                    "No projection is named " + model + "; the names are " + projections.names() + ".");
        }
        return model;
    }

    private static String customer(String customerId) {
        if (customerId == null) {
            return null;
        }
        try {
            return UUID.fromString(customerId).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("customerId", "must be a customer id (UUID)");
        }
    }
}
