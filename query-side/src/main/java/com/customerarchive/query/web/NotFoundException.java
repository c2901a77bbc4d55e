package com.customerarchive.query.web;

import java.util.UUID;

/** Something the request names does not exist; answered 404. */
public class NotFoundException extends RuntimeException {

    private final String type;
    private final String title;

    public NotFoundException(String type, String title, String detail) {
        super(detail);
        this.type = type;
        this.title = title;
    }

    public static NotFoundException customer(UUID customerId) {
        return new NotFoundException("customer-not-found", "Customer not found",
                "No customer has the id " + customerId + ".");
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
