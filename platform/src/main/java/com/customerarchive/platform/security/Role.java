package com.customerarchive.platform.security;

/** The roles of API.md. */
public enum Role {
    SALES, MANAGER, AUDITOR, INTEGRATOR, OUTLET, ADMIN
}
