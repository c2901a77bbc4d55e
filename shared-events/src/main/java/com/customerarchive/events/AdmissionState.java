package com.customerarchive.events;

/** Where a card stands in its review (审核): waiting for a manager, signed and coded, or sent back with reasons. */
public enum AdmissionState {
    PENDING_REVIEW, APPROVED, RETURNED
}
