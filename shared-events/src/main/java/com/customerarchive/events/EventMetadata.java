package com.customerarchive.events;

/** Keys of the metadata every stored event carries. */
public final class EventMetadata {

    /** The authenticated user whose request caused the event. */
    public static final String ACTOR = "actor";
    /** Ties together every event caused by one request. */
    public static final String CORRELATION_ID = "correlationId";
    /** When the change happened in the business (ISO-8601 instant); the event's timestamp is when it was recorded. */
    public static final String OCCURRED_AT = "occurredAt";
    /** The business day occurredAt falls on in the archive's zone (ISO date), as the writing side judged it. */
    public static final String BUSINESS_DAY = "businessDay";
    /** The owner a change was made for, when someone else (a clerk, a manager) made it; the actor is who made it. */
    public static final String ON_BEHALF_OF = "onBehalfOf";
    /** The event's link in its customer's hash chain (see {@link com.customerarchive.events.privacy.EventHash}). */
    public static final String HASH = "hash";

    private EventMetadata() {
    }
}
