package com.customerarchive.events;

public enum ComplaintStatus {
    FILED, ASSIGNED, RESOLVED, FOLLOWED_UP, CLOSED, REOPENED
}
