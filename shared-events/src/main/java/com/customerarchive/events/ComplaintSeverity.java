package com.customerarchive.events;

public enum ComplaintSeverity {
    LOW, MEDIUM, HIGH, CRITICAL
}
