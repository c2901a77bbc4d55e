package com.customerarchive.command.security;

/** The roles of API.md. */
public enum Role {
    SALES, MANAGER, AUDITOR, INTEGRATOR, ADMIN
}
