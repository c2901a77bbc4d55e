package com.customerarchive.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;
import java.util.Set;

/**
 * Users allowed in, keyed by user name: {@code archive.security.users.<name>.password} (a
 * {@code {bcrypt}…} hash in production) and {@code .roles}.
 */
@ConfigurationProperties("archive.security")
public record UsersProperties(Map<String, User> users) {

    public UsersProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record User(String password, Set<Role> roles) {
    }
}
