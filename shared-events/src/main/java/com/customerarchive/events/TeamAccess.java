package com.customerarchive.events;

/** What a colleague on a customer's team (相关团队) may do: read it, or also write to it as its owner would. */
public enum TeamAccess {
    READ, WRITE
}
