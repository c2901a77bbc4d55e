package com.customerarchive.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Failures every API of the archive shares become problem answers here: bad input (400 naming each field),
 * unknown things (404), the database out of reach (503 with Retry-After), the rest 500. An app's own advice,
 * ordered before this one, maps its domain's refusals.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ProblemResponses.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ProblemResponses.FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(ProblemResponses.FieldError::field))
                .toList();
        return ProblemResponses.answer(ProblemResponses.invalidFields(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = unreadableField(ex);
        String message = field == null ? "the body is not valid JSON of the expected shape"
                : "not a valid value for this field";
        return ProblemResponses.answer(ProblemResponses.invalid("The request body could not be read",
                List.of(new ProblemResponses.FieldError(field == null ? "body" : field, message))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ProblemResponses.answer(ProblemResponses.invalid("The parameter " + ex.getParameterName()
                + " is required", List.of(new ProblemResponses.FieldError(ex.getParameterName(), "is required"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException ex) {
        return ProblemResponses.answer(ProblemResponses.invalid("The header " + ex.getHeaderName() + " is required",
                List.of(new ProblemResponses.FieldError(ex.getHeaderName(), "is required"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException ex) {
        String message = ex.getRequiredType() == Instant.class ? InstantOrDate.EXPECTED
                : "must be a valid " + (ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName());
        return ProblemResponses.answer(ProblemResponses.invalid("The parameter " + ex.getName() + " is not valid",
                List.of(new ProblemResponses.FieldError(ex.getName(), message))));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException ex) {
        return ProblemResponses.answer(ProblemResponses.invalidFields(ex.errors()));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException ex) {
        return ProblemResponses.answer(ProblemResponses.problem(ex.status(), ex.type(), ex.title(), ex.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (DatabaseUnavailable.causes(ex)) {
            return DatabaseUnavailable.answer(ex);
        }
        log.error("request failed", ex);
        return ProblemResponses.answer(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The request failed on our side; it has been logged."));
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
