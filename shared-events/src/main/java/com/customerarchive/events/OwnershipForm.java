package com.customerarchive.events;

public enum OwnershipForm {
    STATE, PRIVATE, JOINT_STOCK, INDIVIDUAL
}
