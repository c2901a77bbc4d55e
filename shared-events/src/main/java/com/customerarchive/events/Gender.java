package com.customerarchive.events;

public enum Gender {
    FEMALE, MALE, OTHER
}
