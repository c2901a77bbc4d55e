package com.customerarchive.command.web;

import java.util.List;

/** A request whose fields do not pass validation; answered 400 with every bad field. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<ProblemResponses.FieldError> errors;

    public InvalidRequestException(List<ProblemResponses.FieldError> errors) {
        super("invalid fields: " + errors.stream().map(ProblemResponses.FieldError::field).toList());
        this.errors = List.copyOf(errors);
    }

    public List<ProblemResponses.FieldError> errors() {
        return errors;
    }
}
