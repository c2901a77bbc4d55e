package com.customerarchive.events;

/** How soon business is expected (客户等级); A is the most urgent, E a "dead" customer. */
public enum Grade {
    A, B, C, D, E
}
