package com.customerarchive.events;

/** Every event of a customer's stream names its customer. */
public interface CustomerEvent {

    CustomerId customerId();
}
