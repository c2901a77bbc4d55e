package com.customerarchive.command.customer;

/** The number a purchase got in its customer's record (the first one's, for a repeat), and the customer's version. */
public record RecordedPurchase(int purchaseNo, long version) {
}
