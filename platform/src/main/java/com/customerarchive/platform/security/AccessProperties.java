package com.customerarchive.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Set;

/**
 * Who sees which customer ({@code archive.access.*}): a SALES user reads and writes only the customers it owns
 * ({@code ownerId} = its user name) unless {@code sales-see-all} opens every customer to sales.
 */
@ConfigurationProperties("archive.access")
public record AccessProperties(boolean salesSeeAll) {

    /**
     * The user name a request is limited to, or null when it sees every customer: a SALES user without a wider role
     * (MANAGER, AUDITOR, ADMIN), unless sales see all.
     */
    public String ownerScope(org.springframework.security.core.Authentication user) {
        Set<Role> roles = Roles.of(user);
        boolean wider = roles.contains(Role.MANAGER) || roles.contains(Role.AUDITOR) || roles.contains(Role.ADMIN);
        return salesSeeAll || wider || !roles.contains(Role.SALES) ? null : user.getName();
    }
}
