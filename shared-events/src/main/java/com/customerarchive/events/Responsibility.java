package com.customerarchive.events;

public enum Responsibility {
    OURS, CUSTOMER, THIRD_PARTY
}
