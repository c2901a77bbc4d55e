package com.customerarchive.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

import java.util.List;
import java.util.Optional;

/**
 * An app's API as its users may call it: the first rule that matches a request decides, and what no rule names
 * is denied. The same rules drive the security filter and the roles the OpenAPI document lists per operation.
 */
public record ApiAccess(List<AccessRule> rules, List<String> corsOrigins) {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    public ApiAccess {
        rules = List.copyOf(rules);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    }

    public static ApiAccess of(AccessRule... rules) {
        return new ApiAccess(List.of(rules), List.of());
    }

    /** The same rules, and browsers on these origin patterns may call the API (the console on query-side). */
    public ApiAccess allowingOrigins(List<String> origins) {
        return new ApiAccess(rules, origins);
    }

    /** The rule that decides a call of an OpenAPI path template such as {@code /api/customers/{customerId}/card}. */
    public Optional<AccessRule> ruleFor(HttpMethod method, String pathTemplate) {
        String path = pathTemplate.replaceAll("\\{[^/}]+}", "x");
        return rules.stream()
                .filter(rule -> rule.method() == null || rule.method().equals(method))
                .filter(rule -> rule.patterns().stream().anyMatch(pattern -> PATHS.match(pattern, path)))
                .findFirst();
    }
}
