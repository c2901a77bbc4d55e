package com.customerarchive.command.customer;

/** A card issued or reissued: its new number and the customer's version. */
public record RecordedCard(String cardNumber, long version) {
}
