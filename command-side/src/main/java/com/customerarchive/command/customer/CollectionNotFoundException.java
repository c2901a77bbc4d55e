package com.customerarchive.command.customer;

/** The collection a reversal names is not in the customer's record; answered 404. */
public class CollectionNotFoundException extends CustomerRefusal {

    public CollectionNotFoundException(String reference) {
        super("The customer has no collection with reference " + reference + ".");
    }
}
