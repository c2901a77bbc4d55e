package com.customerarchive.platform.security;

/** The roles of API.md; CLERK (销售内勤) enters cards for the reps, FINANCE keeps the ledger (reads for now). */
public enum Role {
    SALES, MANAGER, AUDITOR, INTEGRATOR, OUTLET, ADMIN, CLERK, FINANCE
}
