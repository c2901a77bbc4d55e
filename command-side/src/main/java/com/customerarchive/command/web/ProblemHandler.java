package com.customerarchive.command.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import com.customerarchive.command.customer.ComplaintNotFoundException;
import com.customerarchive.command.customer.RuleViolationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The one place where failures become problem responses. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemResponses.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ProblemResponses.FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(ProblemResponses.FieldError::field))
                .toList();
        return invalidFields(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = unreadableField(ex);
        String message = field == null ? "the body is not valid JSON of the expected shape"
                : "not a valid value for this field";
        return problem(ProblemResponses.invalid("The request body could not be read",
                List.of(new ProblemResponses.FieldError(field == null ? "body" : field, message))));
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<Object> ruleViolated(RuleViolationException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, ex.rule().code(), ex.rule().title(),
                ex.getMessage());
        problem.setProperty("rule", ex.rule().code());
        return problem(problem);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> staleVersion(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "version-conflict", "Version conflict",
                "If-Match named version " + (ex.getExpectedVersion() + 1) + " but the customer is at version "
                        + (ex.getActualVersion() + 1) + "; nothing was written. Reload and retry.");
        problem.setProperty("rule", "version-conflict");
        return problem(problem);
    }

    @ExceptionHandler({ConflictingModificationException.class, AggregateStreamCreationException.class})
    ResponseEntity<Object> concurrency(RuntimeException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "version-conflict", "Version conflict",
                "Another change to this customer was stored at the same moment; nothing was written. Reload and retry.");
        problem.setProperty("rule", "version-conflict");
        return problem(problem);
    }

    @ExceptionHandler(ComplaintNotFoundException.class)
    ResponseEntity<Object> complaintNotFound(ComplaintNotFoundException ex) {
        return problem(ProblemResponses.problem(HttpStatus.NOT_FOUND, "complaint-not-found", "Complaint not found",
                ex.getMessage()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException ex) {
        return invalidFields(ex.errors());
    }

    private static ResponseEntity<Object> invalidFields(List<ProblemResponses.FieldError> errors) {
        String fields = errors.stream().map(ProblemResponses.FieldError::field).distinct()
                .collect(Collectors.joining(", "));
        return problem(ProblemResponses.invalid("The request has invalid fields: " + fields, errors));
    }

    @ExceptionHandler(IfMatch.InvalidIfMatchException.class)
    ResponseEntity<Object> invalidIfMatch(IfMatch.InvalidIfMatchException ex) {
        return problem(ProblemResponses.invalid(ex.getMessage(),
                List.of(new ProblemResponses.FieldError("If-Match", ex.getMessage()))));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
        return problem(ProblemResponses.problem(HttpStatus.NOT_FOUND, "customer-not-found", "Customer not found",
                "No customer has the id " + ex.getAggregateIdentifier() + "."));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<Object> databaseUnreachable(RuntimeException ex) {
        log.warn("database unreachable: {}", ex.getClass().getSimpleName());
        return problem(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "Store unavailable", "The event store cannot be reached; nothing was written. Retry later."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("request failed", ex);
        return problem(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; it has been logged."));
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The JSON path of the value that could not be read, e.g. {@code grade} or {@code card.basic.birthday}. */
    private static String unreadableField(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        return null;
    }
}
