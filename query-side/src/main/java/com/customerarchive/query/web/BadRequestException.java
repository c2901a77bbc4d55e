package com.customerarchive.query.web;

import java.util.List;

/** A query whose parameters are not valid; answered 400 with every bad parameter. */
public class BadRequestException extends RuntimeException {

    private final transient List<ProblemResponses.FieldError> errors;

    public BadRequestException(String field, String message) {
        this(List.of(new ProblemResponses.FieldError(field, message)));
    }

    public BadRequestException(List<ProblemResponses.FieldError> errors) {
        super("invalid parameters: " + errors.stream().map(ProblemResponses.FieldError::field).toList());
        this.errors = List.copyOf(errors);
    }

    public List<ProblemResponses.FieldError> errors() {
        return errors;
    }
}
