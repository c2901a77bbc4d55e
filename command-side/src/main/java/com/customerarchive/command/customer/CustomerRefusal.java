package com.customerarchive.command.customer;

/**
 * A command the customer refused by its state (a rule, or a purchase, collection, proposal or complaint it does not
 * have); nothing was written. Decided on a command-side's cached customer, it may be decided again on the customer as
 * stored ({@link com.customerarchive.command.web.CommandSender}).
 */
public abstract class CustomerRefusal extends RuntimeException {

    protected CustomerRefusal(String message) {
        super(message);
    }
}
