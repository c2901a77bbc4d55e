package com.customerarchive.platform.web;

import java.util.UUID;

/** Something the request names does not exist; answered 404 with its own type and title. */
public class NotFoundException extends RuntimeException {

    private final String type;
    private final String title;

    public NotFoundException(String type, String title, String detail) {
        super(detail);
        this.type = type;
        this.title = title;
    }

    public static NotFoundException customer(Object customerId) {
        return new NotFoundException("customer-not-found", "Customer not found",
                "No customer has the id " + customerId + ".");
    }

    public static NotFoundException customer(UUID customerId) {
        return customer((Object) customerId);
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
