package com.customerarchive.events;

public enum VisitMethod {
    ON_SITE_VISIT, PHONE, MAIL, EXHIBITION, CUSTOMER_CAME, ONLINE, OTHER
}
