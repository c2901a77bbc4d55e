package com.customerarchive.command.customer;

/** A use of the card at an outlet: its number in the customer's record and the customer's version. */
public record RecordedUse(int useNo, long version) {
}
