package com.customerarchive.command.security;

import com.customerarchive.platform.security.AccessRule;
import com.customerarchive.platform.security.ApiAccess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;
import java.util.Set;

import static com.customerarchive.platform.security.Role.ADMIN;
import static com.customerarchive.platform.security.Role.CLERK;
import static com.customerarchive.platform.security.Role.FINANCE;
import static com.customerarchive.platform.security.Role.MANAGER;
import static com.customerarchive.platform.security.Role.OUTLET;
import static com.customerarchive.platform.security.Role.SALES;

/**
 * Who may write what (API.md): sales reps and managers write, only an admin erases, an outlet records card uses;
 * only a manager reviews a card or decides a proposal; a clerk registers, edits and resubmits cards for the reps.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The console's origin (query-side) may call the writes with the signed-in user's credentials. */
    @Bean
    ApiAccess commandApi(@Value("${archive.console.origins:}") List<String> consoleOrigins) {
        return ApiAccess.of(
                AccessRule.on(HttpMethod.POST, Set.of(OUTLET, SALES, MANAGER), "/api/customers/membership-cards/*/uses"),
                AccessRule.on(HttpMethod.DELETE, Set.of(ADMIN), "/api/customers/*/personal-data",
                        "/api/customers/*/personal-data/*"),
                AccessRule.on(HttpMethod.POST, Set.of(MANAGER), "/api/customers/*/admission/approve",
                        "/api/customers/*/admission/return", "/api/customers/*/proposals/*/approve",
                        "/api/customers/*/proposals/*/reject"),
                AccessRule.on(HttpMethod.POST, Set.of(SALES, MANAGER, CLERK), "/api/customers",
                        "/api/customers/*/admission/resubmit"),
                AccessRule.on(HttpMethod.PATCH, Set.of(SALES, MANAGER, CLERK), "/api/customers/*/card"),
                AccessRule.on(HttpMethod.POST, Set.of(ADMIN), "/api/admin/admission/migrate"),
                AccessRule.on(HttpMethod.POST, Set.of(MANAGER), "/api/customers/*/merge-into/*"),
                AccessRule.on(HttpMethod.POST, Set.of(FINANCE), "/api/customers/*/purchases/*/shipments",
                        "/api/customers/*/collections", "/api/customers/*/collections/*/reverse"),
                AccessRule.on(HttpMethod.PUT, Set.of(SALES, MANAGER, CLERK, FINANCE), "/api/customers/*/credit"),
                AccessRule.any(Set.of(MANAGER, CLERK), "/api/imports", "/api/imports/**"),
                AccessRule.any(Set.of(ADMIN), "/api/org/**"),
                AccessRule.on(HttpMethod.PUT, Set.of(ADMIN), "/api/catalogue/products/*", "/api/catalogue/trade-types/*"),
                AccessRule.on(HttpMethod.PUT, Set.of(ADMIN), "/api/pools/*"),
                AccessRule.on(HttpMethod.POST, Set.of(ADMIN), "/api/admin/pools/sweep"),
                AccessRule.any(Set.of(SALES, MANAGER, ADMIN), "/api/customers/handover", "/api/customers/handover/*"),
                AccessRule.any(Set.of(SALES, MANAGER), "/api/customers/**")).allowingOrigins(consoleOrigins);
    }
}
