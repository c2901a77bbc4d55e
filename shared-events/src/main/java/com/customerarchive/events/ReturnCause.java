package com.customerarchive.events;

/** Why a customer went back to the public pool. */
public enum ReturnCause {
    /** No follow-up (a visit, a complaint's return visit) within its pool's days for its grade. */
    NO_FOLLOW_UP,
    /** No purchase within its pool's days for its grade. */
    NO_PURCHASE,
    /** Put back by hand, with a reason. */
    RELEASED
}
