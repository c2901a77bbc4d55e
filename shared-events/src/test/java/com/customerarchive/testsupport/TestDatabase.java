package com.customerarchive.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The real PostgreSQL every integration test of the project runs on: the one named by
 * {@code ARCHIVE_TEST_DATABASE_URL} (with {@code _USER} and {@code _PASSWORD}), or else an embedded
 * one started once per test JVM. Tests keep apart by using fresh ids, not fresh databases.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "ARCHIVE_TEST_DATABASE_URL";

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** A database of a test's own, e.g. one it stops and starts. */
    public static TestDatabase at(String url, String user, String password) {
        return new TestDatabase(url, user, password);
    }

    private static TestDatabase start() {
        String external = System.getenv(URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new TestDatabase(external, orDefault(System.getenv("ARCHIVE_TEST_DATABASE_USER"), "postgres"),
                    orDefault(System.getenv("ARCHIVE_TEST_DATABASE_PASSWORD"), ""));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary cluster goes with it
                }
            }, "test-postgres-stop"));
            return new TestDatabase(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
