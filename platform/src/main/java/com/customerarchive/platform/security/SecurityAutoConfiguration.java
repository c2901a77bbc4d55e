package com.customerarchive.platform.security;

import com.customerarchive.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.config.ObjectPostProcessor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP Basic for the users of {@link UsersProperties} (plus API.md's development users outside {@code prod}),
 * stateless, every path decided by the app's {@link ApiAccess}; 401 and 403 answer problem+json.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnClass(HttpSecurity.class)
@EnableConfigurationProperties({UsersProperties.class, AccessProperties.class})
public class SecurityAutoConfiguration {

    public static final String REALM = "customer-archive";
    private static final Duration AUTHENTICATION_REMEMBERED = Duration.ofMinutes(5);
    /** Health, metrics and the API's documentation are open to anyone on every app. */
    private static final String[] OPEN = {"/actuator/health/**", "/actuator/prometheus", "/actuator/info",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    /** API.md's development users; they exist only when the {@code prod} profile is not active. */
    private static final Map<String, UsersProperties.User> DEVELOPMENT_USERS = Map.of(
            "sales", new UsersProperties.User("{noop}sales-pw", Set.of(Role.SALES)),
            "manager", new UsersProperties.User("{noop}manager-pw", Set.of(Role.MANAGER)),
            "auditor", new UsersProperties.User("{noop}auditor-pw", Set.of(Role.AUDITOR)),
            "integrator", new UsersProperties.User("{noop}integrator-pw", Set.of(Role.INTEGRATOR)),
            "outlet", new UsersProperties.User("{noop}outlet-pw", Set.of(Role.OUTLET)),
            "admin", new UsersProperties.User("{noop}admin-pw", Set.of(Role.ADMIN)),
            "clerk", new UsersProperties.User("{noop}clerk-pw", Set.of(Role.CLERK)),
            "finance", new UsersProperties.User("{noop}finance-pw", Set.of(Role.FINANCE)));

    /**
     * No observation around each of the security filters: measured at some 10 % of a command's CPU, for traces
     * nobody reads; requests are still timed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnBean(ApiAccess.class)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json, AuthenticationManager authentication, ApiAccess access)
            throws Exception {
        return http
                .authenticationManager(authentication)
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsSource(access.corsOrigins())))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // the security headers go out before the request is handled, not after: a streamed answer (the feed's
                // SSE) is written by another thread as soon as the handler returns, and Tomcat's headers are not
                // safe to read and write from two threads at once
                .headers(headers -> headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(OPEN).permitAll();
                    for (AccessRule rule : access.rules()) {
                        String[] patterns = rule.patterns().toArray(String[]::new);
                        var matched = rule.method() == null ? requests.requestMatchers(patterns)
                                : requests.requestMatchers(rule.method(), patterns);
                        if (rule.isOpen()) {
                            matched.permitAll();
                        } else {
                            matched.hasAnyRole(rule.roleNames());
                        }
                    }
                    requests.anyRequest().denyAll();
                })
                .httpBasic(basic -> basic
                        .realmName(REALM)
                        .authenticationEntryPoint((request, response, ex) -> {
                            // a script (the console) asks its own user; a browser's sign-in box would get in its way
                            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
                            }
                            write(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                                    "Send HTTP Basic credentials of a user of the archive.");
                        }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, ex) ->
                        write(response, json, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                "Your role may not do this.")))
                .build();
    }

    /** Browsers on these origins (patterns such as {@code http://localhost:[*]}) may call the API with credentials. */
    private static org.springframework.web.cors.CorsConfigurationSource corsSource(List<String> origins) {
        var configuration = new org.springframework.web.cors.CorsConfiguration();
        configuration.setAllowedOriginPatterns(origins);
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "X-Requested-With",
                "X-Correlation-Id", "Accept"));
        configuration.setExposedHeaders(List.of("ETag", "Location", "Retry-After"));
        configuration.setAllowCredentials(true);
        var source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty()) {
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }

    @Bean
    UserDetailsService users(UsersProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        Map<String, UsersProperties.User> configured = new LinkedHashMap<>();
        if (!production) {
            configured.putAll(DEVELOPMENT_USERS);
        }
        configured.putAll(properties.users());
        if (configured.isEmpty()) {
            throw new IllegalStateException("No users configured: under the prod profile set "
                    + "archive.security.users.<name>.password ({bcrypt} hash) and .roles");
        }
        List<UserDetails> details = configured.entrySet().stream()
                .map(entry -> toUser(entry.getKey(), entry.getValue(), production))
                .toList();
        return new InMemoryUserDetailsManager(details);
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwords) {
        var checked = new DaoAuthenticationProvider(users);
        checked.setPasswordEncoder(passwords);
        return new CachingAuthenticationManager(new ProviderManager(checked), AUTHENTICATION_REMEMBERED,
                Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The paths open to anyone on every app, whatever its {@link ApiAccess} says. */
    public static List<String> openPaths() {
        return Arrays.asList(OPEN);
    }

    private static UserDetails toUser(String name, UsersProperties.User user, boolean production) {
        if (user.password() == null || user.password().isBlank() || user.roles() == null || user.roles().isEmpty()) {
            throw new IllegalStateException("User " + name + " needs a password and at least one role");
        }
        if (production && user.password().startsWith("{noop}")) {
            throw new IllegalStateException("User " + name + ": plain-text passwords are refused under the prod profile");
        }
        return User.withUsername(name)
                .password(user.password())
                .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                .build();
    }

    private static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String type,
            String title, String detail) throws IOException {
        ProblemDetail problem = ProblemResponses.problem(status, type, title, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("type", problem.getType().toString(),
                "title", problem.getTitle(), "status", problem.getStatus(), "detail", problem.getDetail()));
    }
}
