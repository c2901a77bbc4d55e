package com.customerarchive.platform.web;

import org.springframework.http.HttpStatus;

/** Something the request names does not exist; answered 404 with its own type and title. */
public class NotFoundException extends ProblemException {

    public NotFoundException(String type, String title, String detail) {
        super(HttpStatus.NOT_FOUND, type, title, detail);
    }

    public static NotFoundException customer(Object customerId) {
        return new NotFoundException("customer-not-found", "Customer not found",
                "No customer has the id " + customerId + ".");
    }
}
