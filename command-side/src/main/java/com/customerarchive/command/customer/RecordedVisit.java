package com.customerarchive.command.customer;

/** The number a visit got in its customer's record, and the customer's version after it. */
public record RecordedVisit(int visitNo, long version) {
}
