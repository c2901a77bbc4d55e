package com.customerarchive.platform.security;

import org.springframework.http.HttpMethod;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call some paths of an app: a method (or every method), path patterns as Spring Security takes them
 * ({@code *} one segment, {@code **} any), and the roles allowed; no roles means open to anyone.
 */
public record AccessRule(HttpMethod method, List<String> patterns, Set<Role> roles) {

    public AccessRule {
        patterns = List.copyOf(patterns);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static AccessRule get(Set<Role> roles, String... patterns) {
        return new AccessRule(HttpMethod.GET, List.of(patterns), roles);
    }

    public static AccessRule on(HttpMethod method, Set<Role> roles, String... patterns) {
        return new AccessRule(method, List.of(patterns), roles);
    }

    public static AccessRule any(Set<Role> roles, String... patterns) {
        return new AccessRule(null, List.of(patterns), roles);
    }

    public static AccessRule open(String... patterns) {
        return new AccessRule(null, List.of(patterns), Set.of());
    }

    public boolean isOpen() {
        return roles.isEmpty();
    }

    /** The roles in API.md's order, as Spring Security names them without the prefix. */
    public String[] roleNames() {
        return EnumSet.copyOf(roles).stream().map(Role::name).toArray(String[]::new);
    }
}
