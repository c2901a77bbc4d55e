package com.customerarchive.command.web;

import com.customerarchive.command.customer.ComplaintNotFoundException;
import com.customerarchive.command.customer.OutOfScopeException;
import com.customerarchive.command.customer.ProposalNotFoundException;
import com.customerarchive.command.customer.PurchaseNotFoundException;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.platform.web.DatabaseUnavailable;
import com.customerarchive.platform.web.ProblemResponses;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** The refusals of the write model become problem answers here; what every API shares is platform's. */
@RestControllerAdvice
@Order(0)
class ProblemHandler {

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<Object> ruleViolated(RuleViolationException ex) {
        var problem = ProblemResponses.ruleViolated(ex.rule().code(), ex.rule().title(), ex.getMessage());
        if (!ex.fields().isEmpty()) {
            problem.setProperty("errors", ex.fields().stream()
                    .map(field -> java.util.Map.of("field", field, "message", "required")).toList());
            ProblemResponses.localised(problem, "problem." + ex.rule().code() + ".fields", String.join(", ", ex.fields()));
        }
        ex.figures().forEach(problem::setProperty);
        return ProblemResponses.answer(problem);
    }

    @ExceptionHandler(ProposalNotFoundException.class)
    ResponseEntity<Object> proposalNotFound(ProposalNotFoundException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.NOT_FOUND, "proposal-not-found",
                "Proposal not found", ex.getMessage()));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> staleVersion(ConflictingAggregateVersionException ex) {
        return ProblemResponses.answer(ProblemResponses.localised(ProblemResponses.ruleViolated("version-conflict",
                "Version conflict", "If-Match named version " + (ex.getExpectedVersion() + 1)
                        + " but the customer is at version " + (ex.getActualVersion() + 1)
                        + "; nothing was written. Reload and retry."), "problem.version-conflict.stale",
                Long.toString(ex.getExpectedVersion() + 1), Long.toString(ex.getActualVersion() + 1)));
    }

    /** A race on the same customer, unless the store went away in the middle of the append. */
    @ExceptionHandler({ConflictingModificationException.class, AggregateStreamCreationException.class,
            ConcurrencyException.class})
    ResponseEntity<Object> concurrency(RuntimeException ex) {
        if (DatabaseUnavailable.causes(ex)) {
            return DatabaseUnavailable.answer(ex);
        }
        return ProblemResponses.answer(ProblemResponses.ruleViolated("version-conflict", "Version conflict",
                "Another change to this customer was stored at the same moment; nothing was written. Reload and retry."));
    }

    @ExceptionHandler(ComplaintNotFoundException.class)
    ResponseEntity<Object> complaintNotFound(ComplaintNotFoundException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.NOT_FOUND, "complaint-not-found",
                "Complaint not found", ex.getMessage()));
    }

    @ExceptionHandler(PurchaseNotFoundException.class)
    ResponseEntity<Object> purchaseNotFound(PurchaseNotFoundException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.NOT_FOUND, "purchase-not-found",
                "Purchase not found", ex.getMessage()));
    }

    @ExceptionHandler(com.customerarchive.command.customer.CollectionNotFoundException.class)
    ResponseEntity<Object> collectionNotFound(com.customerarchive.command.customer.CollectionNotFoundException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.NOT_FOUND, "collection-not-found",
                "Collection not found", ex.getMessage()));
    }

    @ExceptionHandler(OutOfScopeException.class)
    ResponseEntity<Object> outOfScope(OutOfScopeException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.FORBIDDEN, "out-of-scope",
                "Out of scope", ex.getMessage()));
    }

    @ExceptionHandler(IfMatch.InvalidIfMatchException.class)
    ResponseEntity<Object> invalidIfMatch(IfMatch.InvalidIfMatchException ex) {
        return ProblemResponses.answer(ProblemResponses.invalid(ex.getMessage(),
                List.of(new ProblemResponses.FieldError("If-Match", ex.getMessage()))));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.NOT_FOUND, "customer-not-found",
                "Customer not found", "No customer has the id " + ex.getAggregateIdentifier() + "."));
    }
}
