package com.customerarchive.command.customer;

/** The purchase a cancellation names is not in the customer's record; answered 404. */
public class PurchaseNotFoundException extends CustomerRefusal {

    public PurchaseNotFoundException(int purchaseNo) {
        super("The customer has no purchase number " + purchaseNo + ".");
    }
}
