package com.customerarchive.command.customer;

/** A sales rep tried to change a customer another rep owns (API.md: SALES writes only its own); answered 403. */
public class NotYourCustomerException extends RuntimeException {

    public NotYourCustomerException(String user) {
        super("The customer belongs to another sales rep; " + user + " may change only its own customers.");
    }
}
