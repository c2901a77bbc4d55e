package com.customerarchive.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
        if (salesSeeAll || user == null || !user.isAuthenticated()) {
            return null;
        }
        boolean sales = false;
        for (var authority : user.getAuthorities()) {
            String role = authority.getAuthority();
            if (role.equals("ROLE_" + Role.MANAGER) || role.equals("ROLE_" + Role.AUDITOR)
                    || role.equals("ROLE_" + Role.ADMIN)) {
                return null;
            }
            sales |= role.equals("ROLE_" + Role.SALES);
        }
        return sales ? user.getName() : null;
    }
}
