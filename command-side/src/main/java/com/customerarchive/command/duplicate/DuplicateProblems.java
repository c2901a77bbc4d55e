package com.customerarchive.command.duplicate;

import com.customerarchive.platform.web.ProblemResponses;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 409 possible-duplicate with the candidates; 403 force-needs-manager. */
@RestControllerAdvice
@Order(0)
class DuplicateProblems {

    @ExceptionHandler(PossibleDuplicateException.class)
    ResponseEntity<Object> possibleDuplicate(PossibleDuplicateException ex) {
        ProblemDetail problem = ProblemResponses.localised(ProblemResponses.ruleViolated("possible-duplicate",
                "Possible duplicate", ex.getMessage() + " Work the existing customer, or (a manager) register anyway "
                        + "with force and a forceReason."), "problem.possible-duplicate.detail",
                Integer.toString(ex.candidates().size()));
        problem.setProperty("candidates", ex.candidates());
        return ProblemResponses.answer(problem);
    }

    @ExceptionHandler(ForceNeedsManagerException.class)
    ResponseEntity<Object> forceNeedsManager(ForceNeedsManagerException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.FORBIDDEN, "force-needs-manager",
                "Only a manager registers a duplicate", ex.getMessage()));
    }

    static class ForceNeedsManagerException extends RuntimeException {
        ForceNeedsManagerException() {
            super("Registering despite possible duplicates (force) is a manager's decision.");
        }
    }
}
