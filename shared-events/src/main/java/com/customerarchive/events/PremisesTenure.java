package com.customerarchive.events;

/** Whether the customer owns the premises it works from or rents them (自有 / 租用). */
public enum PremisesTenure {
    OWNED, RENTED
}
