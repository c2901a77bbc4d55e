package com.customerarchive.events;

public enum ContactRole {
    DECISION_MAKER, INFLUENCER, USER, RECOMMENDER, CONTROLLER, GATEKEEPER
}
