package com.customerarchive.events;

public enum CustomerTier {
    KEY, REGULAR, OCCASIONAL
}
