package com.customerarchive.events;

public enum ComplaintCategory {
    PRODUCT_QUALITY, SERVICE_ATTITUDE, DELIVERY, BILLING, OTHER
}
