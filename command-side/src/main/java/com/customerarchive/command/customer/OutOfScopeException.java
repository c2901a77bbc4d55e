package com.customerarchive.command.customer;

/**
 * A user tried to change a customer outside its scope (another rep's, another team's or branch's); answered 403
 * out-of-scope and nothing is written.
 */
public class OutOfScopeException extends RuntimeException {

    public OutOfScopeException(Object user) {
        super("The customer lies outside what " + user + " may change: its own customers, its team's or its branch's, "
                + "by its position in the organisation.");
    }
}
