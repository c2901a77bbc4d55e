package com.customerarchive.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Under the prod profile no development user exists, a plain-text password is refused and users are required. */
class ProductionUsersTest {

    private final SecurityAutoConfiguration security = new SecurityAutoConfiguration();

    @Test
    void outside_prod_the_development_users_exist() {
        UserDetailsService users = security.users(new UsersProperties(Map.of()), new MockEnvironment());
        assertThat(users.loadUserByUsername("outlet").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_OUTLET");
    }

    @Test
    void under_prod_no_development_user_exists_and_configured_users_need_hashed_passwords() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");
        assertThatThrownBy(() -> security.users(new UsersProperties(Map.of()), production))
                .hasMessageContaining("No users configured");
        assertThatThrownBy(() -> security.users(new UsersProperties(Map.of("boss",
                new UsersProperties.User("{noop}secret", Set.of(Role.MANAGER)))), production))
                .hasMessageContaining("plain-text passwords are refused");
        UserDetailsService users = security.users(new UsersProperties(Map.of("boss", new UsersProperties.User(
                "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOa3ZKnQ6gFZ9n6fY6H8R2B1zj2wZ8p1K", Set.of(Role.MANAGER)))), production);
        assertThat(users.loadUserByUsername("boss")).isNotNull();
        assertThatThrownBy(() -> users.loadUserByUsername("manager")).isInstanceOf(UsernameNotFoundException.class);
    }
}
