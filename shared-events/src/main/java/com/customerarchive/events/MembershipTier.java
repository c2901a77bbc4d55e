package com.customerarchive.events;

/** The membership card's tiers (会员卡). */
public enum MembershipTier {
    STANDARD, GOLD, PLATINUM
}
