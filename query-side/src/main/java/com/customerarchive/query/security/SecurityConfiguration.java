package com.customerarchive.query.security;

import com.customerarchive.platform.security.AccessRule;
import com.customerarchive.platform.security.ApiAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.Set;

import static com.customerarchive.platform.security.Role.ADMIN;
import static com.customerarchive.platform.security.Role.AUDITOR;
import static com.customerarchive.platform.security.Role.CLERK;
import static com.customerarchive.platform.security.Role.FINANCE;
import static com.customerarchive.platform.security.Role.INTEGRATOR;
import static com.customerarchive.platform.security.Role.MANAGER;
import static com.customerarchive.platform.security.Role.OUTLET;
import static com.customerarchive.platform.security.Role.SALES;

/** Who may read what (API.md): the first rule that matches decides. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    ApiAccess queryApi() {
        return ApiAccess.of(
                AccessRule.open("/", "/favicon.ico", "/console", "/console/**", "/webjars/**"),
                AccessRule.get(Set.of(SALES, MANAGER, AUDITOR, INTEGRATOR, OUTLET, ADMIN, CLERK, FINANCE), "/api/me"),
                // everyone signed in reads the part of the organisation it belongs to
                AccessRule.get(Set.of(SALES, MANAGER, AUDITOR, ADMIN, CLERK, FINANCE), "/api/org", "/api/org/members/*"),
                AccessRule.get(Set.of(AUDITOR, ADMIN), "/api/profiles/*/access-log", "/api/audit/**"),
                AccessRule.get(Set.of(SALES, MANAGER, AUDITOR, ADMIN, CLERK, FINANCE), "/api/profiles/**",
                        "/api/customers/by-code/*"),
                AccessRule.get(Set.of(SALES, MANAGER, ADMIN, CLERK), "/api/admission/queue"),
                AccessRule.get(Set.of(SALES, MANAGER, ADMIN), "/api/agenda"),
                AccessRule.get(Set.of(SALES, MANAGER, ADMIN), "/api/routes/*", "/api/routes/*/plan",
                        "/api/routes/*/card"),
                AccessRule.get(Set.of(SALES, MANAGER, AUDITOR, ADMIN, CLERK), "/api/catalogue"),
                // the route card's reports: a rep reads its own routes' (scope), a lead its team's
                AccessRule.get(Set.of(SALES, MANAGER, ADMIN), "/api/reports/distribution", "/api/reports/route-week",
                        "/api/reports/plan-adherence", "/api/reports/trade-types"),
                AccessRule.get(Set.of(SALES, MANAGER, ADMIN), "/api/pools", "/api/pools/*/customers"),
                AccessRule.get(Set.of(OUTLET, SALES, MANAGER, AUDITOR, ADMIN), "/api/membership-cards/*"),
                AccessRule.get(Set.of(SALES, MANAGER, ADMIN), "/api/membership-cards"),
                // a frozen report is kept for managers and checked by auditors; only a manager freezes one
                AccessRule.get(Set.of(MANAGER, AUDITOR, ADMIN), "/api/reports/snapshots", "/api/reports/snapshots/**"),
                AccessRule.on(HttpMethod.POST, Set.of(MANAGER, ADMIN), "/api/reports/snapshots"),
                // finance reads the ageing of receivables and what is behind its figures (the drill-down refuses it
                // the other reports', as it refuses a rep all but the route card's)
                AccessRule.get(Set.of(MANAGER, ADMIN, FINANCE), "/api/reports/receivables"),
                // a rep drills into its route reports' figures only
                AccessRule.get(Set.of(MANAGER, ADMIN, FINANCE, SALES), "/api/reports/drill"),
                AccessRule.get(Set.of(MANAGER, ADMIN), "/api/follow-ups/**", "/api/complaints/**", "/api/reports/**"),
                AccessRule.get(Set.of(INTEGRATOR, ADMIN), "/api/events/**"),
                // a manager's dashboard shows how far behind the read models are; only an admin replays
                AccessRule.get(Set.of(MANAGER, ADMIN), "/api/admin/projections", "/api/admin/projections/*"),
                AccessRule.any(Set.of(ADMIN), "/api/admin/**"));
    }
}
