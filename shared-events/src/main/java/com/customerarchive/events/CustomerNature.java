package com.customerarchive.events;

public enum CustomerNature {
    GOVERNMENT, SPECIAL_PARTNER, COMPANY, INDIVIDUAL, TRADING_PARTNER
}
