package com.customerarchive.events;

/** The part a key person plays at an organisation (主要负责人): 法定代表人, 总经理, another responsible person. */
public enum KeyPersonRole {
    LEGAL_REPRESENTATIVE, GENERAL_MANAGER, RESPONSIBLE
}
