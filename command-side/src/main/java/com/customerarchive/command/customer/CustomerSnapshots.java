package com.customerarchive.command.customer;

/**
 * The shape of a customer's snapshot: raised when the customer learns a field its events fill (revision 2: the public
 * pool's clock and lock; 5: the purposes the customer consented to), so that a snapshot of an older shape is passed over and the customer loads from its events.
 */
public final class CustomerSnapshots {

    public static final String REVISION = "5";

    private CustomerSnapshots() {
    }
}
