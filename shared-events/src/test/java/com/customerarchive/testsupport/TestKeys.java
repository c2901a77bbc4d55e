package com.customerarchive.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The master key of every app the tests run (in process or as a process). Derived from the tests' database,
 * so the test JVMs of both modules, which share one database in CI, open each other's customer keys; it
 * guards nothing but throwaway test data.
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static String masterKey() {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("customer-archive-tests|" + TestDatabase.get().url()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
