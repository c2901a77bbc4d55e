package com.customerarchive.platform.web;

import org.springframework.http.HttpStatus;

/** The user may call the operation but not on this: another rep's customer, say; answered 403 with its type. */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String type, String title, String detail) {
        super(HttpStatus.FORBIDDEN, type, title, detail);
    }

    /** A user asked for a customer, owner or unit outside its scope (its position in the organisation). */
    public static ForbiddenException outOfScope(String user) {
        return new ForbiddenException("out-of-scope", "Out of scope", "The customer lies outside what " + user
                + " sees: its own customers, its team's or its branch's, by its position in the organisation.");
    }
}
