package com.customerarchive.query.security;

/** The roles of API.md. */
public enum Role {
    SALES, MANAGER, AUDITOR, INTEGRATOR, ADMIN
}
