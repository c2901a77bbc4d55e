package com.customerarchive.events;

public enum InformationSource {
    QUESTIONNAIRE, PHONE_INTERVIEW, ON_SITE, EVENT, REFERRAL, EXHIBITION, WEBSITE, OTHER
}
