package com.customerarchive.query.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.stream.Collectors;

/** The one place where failures of a read become problem responses. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        return problem(ProblemResponses.problem(HttpStatus.NOT_FOUND, ex.type(), ex.title(), ex.getMessage()));
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> badRequest(BadRequestException ex) {
        return problem(ProblemResponses.invalid("Invalid parameters: " + ex.errors().stream()
                .map(ProblemResponses.FieldError::field).distinct().collect(Collectors.joining(", ")), ex.errors()));
    }

    @ExceptionHandler(Freshness.NotCaughtUpException.class)
    ResponseEntity<Object> notCaughtUp(Freshness.NotCaughtUpException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "not-caught-up", "Not caught up yet",
                        ex.getMessage()));
    }

    @ExceptionHandler(com.customerarchive.query.admin.Projections.NotRebuildableException.class)
    ResponseEntity<Object> notRebuildable(com.customerarchive.query.admin.Projections.NotRebuildableException ex) {
        return problem(ProblemResponses.problem(HttpStatus.CONFLICT, "feed-not-rebuildable",
                "The feed is never rebuilt", ex.getMessage()));
    }

    @ExceptionHandler(java.util.concurrent.RejectedExecutionException.class)
    ResponseEntity<Object> tooManySubscribers(java.util.concurrent.RejectedExecutionException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-subscribers",
                        "Too many subscribers", "The live feed has as many subscribers as it serves; retry later "
                                + "or page through GET /api/events."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return problem(ProblemResponses.invalid("The parameter " + ex.getName() + " is not valid",
                List.of(new ProblemResponses.FieldError(ex.getName(), "must be a valid " + expected))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(ProblemResponses.invalid("The parameter " + ex.getParameterName() + " is required",
                List.of(new ProblemResponses.FieldError(ex.getParameterName(), "is required"))));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<Object> databaseUnreachable(RuntimeException ex) {
        log.warn("database unreachable: {}", ex.getClass().getSimpleName());
        return problem(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "Store unavailable", "The database cannot be reached. Retry later."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("request failed", ex);
        return problem(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; it has been logged."));
    }

    static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
