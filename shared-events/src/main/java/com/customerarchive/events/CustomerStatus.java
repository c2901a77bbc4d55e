package com.customerarchive.events;

public enum CustomerStatus {
    ACTIVE, ARCHIVED
}
