package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerId;
import com.customerarchive.events.ProfileCard;

import java.time.LocalDate;

/**
 * Hands out customer codes (编码): each unique and never reused, gap-free per prefix, taken in the transaction
 * that stores the approval (a refused or failed approval gives its number back).
 */
public interface CustomerCodes {

    /** The next code, given to this customer, whose card is approved on this business day. */
    String next(CustomerId customerId, ProfileCard card, LocalDate businessDay);
}
