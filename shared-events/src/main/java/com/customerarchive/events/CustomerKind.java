package com.customerarchive.events;

public enum CustomerKind {
    INDIVIDUAL, ORGANIZATION
}
