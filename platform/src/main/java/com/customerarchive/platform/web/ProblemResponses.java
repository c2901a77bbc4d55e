package com.customerarchive.platform.web;

import io.micrometer.core.instrument.Metrics;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one shape of every error body (RFC 7807): type, title, status, detail and, for validation, errors. */
public final class ProblemResponses {

    public static final String TYPE_BASE = "https://customer-archive.dev/problems/";
    /** Where a problem names the catalogue's text of its detail and its arguments; taken off before it is written. */
    static final String DETAIL_KEY = "detailKey";
    static final String DETAIL_ARGS = "detailArgs";

    private ProblemResponses() {
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * A refusal by a rule of the domain: 409 with the rule's code as its type and as {@code rule}; counted per rule in
     * {@code archive_refusals_total}.
     */
    public static ProblemDetail ruleViolated(String rule, String title, String detail) {
        Metrics.counter("archive.refusals", "rule", rule).increment();
        ProblemDetail problem = problem(HttpStatus.CONFLICT, rule, title, detail);
        problem.setProperty("rule", rule);
        return problem;
    }

    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", error.field(), "message", error.message()))
                .toList());
        return problem;
    }

    /** 400 naming every bad field, e.g. "The request has invalid fields: grade, reason". */
    public static ProblemDetail invalidFields(List<FieldError> errors) {
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        return localised(invalid("The request has invalid fields: " + fields, errors), "problem.invalid-request.fields",
                fields);
    }

    /**
     * The detail in the request's language ({@link LocalisedProblems}): the message catalogue's text under {@code key}
     * with these arguments; the English detail given stays where the catalogue has no such text.
     */
    public static ProblemDetail localised(ProblemDetail problem, String key, Object... args) {
        problem.setProperty(DETAIL_KEY, key);
        problem.setProperty(DETAIL_ARGS, List.of(args));
        return problem;
    }

    public static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** 503 with {@code Retry-After}: the caller may try again in that many seconds. */
    public static ResponseEntity<Object> unavailable(String type, String title, String detail, int retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail));
    }

    public record FieldError(String field, String message) {
    }
}
