package com.customerarchive.platform.web;

import java.util.List;

/** Input that fails a check no annotation can express; answered 400 with every bad field. */
public class InvalidRequestException extends RuntimeException {

    private final List<ProblemResponses.FieldError> errors;

    public InvalidRequestException(List<ProblemResponses.FieldError> errors) {
        super(errors.stream().map(ProblemResponses.FieldError::field).distinct().toList().toString());
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new ProblemResponses.FieldError(field, message)));
    }

    public List<ProblemResponses.FieldError> errors() {
        return errors;
    }
}
