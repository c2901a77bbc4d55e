package com.customerarchive.platform.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic checks the password on every request, and a BCrypt check costs tens of milliseconds of CPU:
 * a successful check is remembered for a short while, keyed by the user and a SHA-256 of the password.
 */
class CachingAuthenticationManager implements AuthenticationManager {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationManager delegate;
    private final Duration timeToLive;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    CachingAuthenticationManager(AuthenticationManager delegate, Duration timeToLive, Clock clock) {
        this.delegate = delegate;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        if (!(request instanceof UsernamePasswordAuthenticationToken) || !(request.getCredentials() instanceof String password)) {
            return delegate.authenticate(request);
        }
        String key = request.getName() + '\u0000' + sha256(password);
        Instant now = clock.instant();
        Remembered hit = remembered.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.authentication();
        }
        Authentication authenticated = delegate.authenticate(request);
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(authenticated, now.plus(timeToLive)));
        return authenticated;
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Remembered(Authentication authentication, Instant until) {
    }
}
