package com.customerarchive.platform.web;

/** The user may call the operation but not on this: another rep's customer, say; answered 403 with its type. */
public class ForbiddenException extends RuntimeException {

    private final String type;
    private final String title;

    public ForbiddenException(String type, String title, String detail) {
        super(detail);
        this.type = type;
        this.title = title;
    }

    /** A SALES user limited to its own customers asked for another rep's. */
    public static ForbiddenException notYourCustomer(String user) {
        return new ForbiddenException("not-your-customer", "Not your customer",
                "The customer belongs to another sales rep; " + user + " sees only its own customers.");
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
