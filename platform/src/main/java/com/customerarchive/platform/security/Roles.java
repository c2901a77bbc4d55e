package com.customerarchive.platform.security;

import org.springframework.security.core.Authentication;

import java.util.EnumSet;
import java.util.Set;

/** The archive's roles a signed-in user holds (Spring Security's {@code ROLE_…} authorities; others ignored). */
public final class Roles {

    private static final String PREFIX = "ROLE_";

    private Roles() {
    }

    public static Set<Role> of(Authentication user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (user == null || !user.isAuthenticated()) {
            return roles;
        }
        for (var authority : user.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(PREFIX)) {
                try {
                    roles.add(Role.valueOf(name.substring(PREFIX.length())));
                } catch (IllegalArgumentException notOurs) {
                    // a role of another system's naming: not one of the archive's
                }
            }
        }
        return roles;
    }
}
