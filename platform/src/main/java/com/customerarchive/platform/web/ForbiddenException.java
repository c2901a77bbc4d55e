package com.customerarchive.platform.web;

import org.springframework.http.HttpStatus;

/** The user may call the operation but not on this: another rep's customer, say; answered 403 with its type. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String type, String title, String detail) {
        super(HttpStatus.FORBIDDEN, type, title, detail);
    }

    /** A SALES user limited to its own customers asked for another rep's. */
    public static ForbiddenException notYourCustomer(String user) {
        return new ForbiddenException("not-your-customer", "Not your customer",
                "The customer belongs to another sales rep; " + user + " sees only its own customers.");
    }
}
