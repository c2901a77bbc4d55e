package com.customerarchive.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAccessTest {

    private final ApiAccess access = ApiAccess.of(
            AccessRule.on(HttpMethod.DELETE, Set.of(Role.ADMIN), "/api/customers/*/personal-data"),
            AccessRule.any(Set.of(Role.SALES, Role.MANAGER), "/api/customers/**"));

    @Test
    void the_first_rule_matching_an_operation_decides_its_roles() {
        assertThat(access.ruleFor(HttpMethod.DELETE, "/api/customers/{customerId}/personal-data"))
                .hasValueSatisfying(rule -> assertThat(rule.roleNames()).containsExactly("ADMIN"));
        assertThat(access.ruleFor(HttpMethod.POST, "/api/customers/{customerId}/visits"))
                .hasValueSatisfying(rule -> assertThat(rule.roleNames()).containsExactly("SALES", "MANAGER"));
        assertThat(access.ruleFor(HttpMethod.GET, "/api/profiles/{customerId}")).isEmpty();
    }
}
