package com.customerarchive.query.support;

import com.customerarchive.testsupport.TestDatabase;
import com.customerarchive.testsupport.TestKeys;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real application started from its packaged jar as its own process on a random port against the
 * tests' PostgreSQL: command-side for every query-side test (query-side never has command-side's classes
 * on its classpath), and query-side itself for the tests that stop and restart it.
 */
public final class AppProcess {

    private static AppProcess commandSide;

    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The one command-side of the test JVM, started on first use. */
    public static synchronized AppProcess commandSide() {
        if (commandSide == null) {
            commandSide = start("command-side", freePort());
        }
        return commandSide;
    }

    /** A new query-side process on the given port (0: any free port); needs {@code ./mvnw verify} to have packaged it. */
    public static AppProcess querySide(int port) {
        return start("query-side", port == 0 ? freePort() : port);
    }

    /** An app with more environment (e.g. the duplicate check on) on any free port, every rep seeing all customers. */
    public static AppProcess startWith(String module, java.util.Map<String, String> environment) {
        return start(module, freePort(), List.of("-Xmx384m"), TestDatabase.get(), true, environment);
    }

    /** An app started with the given JVM options (a benchmark's heap limit) on any free port. */
    public static AppProcess start(String module, List<String> jvmOptions) {
        return start(module, freePort(), jvmOptions);
    }

    /** An app on a database of the test's own (one it stops and starts), with the tests' master key. */
    public static AppProcess startOn(String module, String url, String user, String password) {
        return start(module, freePort(), List.of("-Xmx384m"), TestDatabase.at(url, user, password));
    }

    /** The same with JVM options of its own (system properties such as other completeness weights). */
    public static AppProcess startOn(String module, TestDatabase database, List<String> jvmOptions) {
        return start(module, freePort(), jvmOptions, database);
    }

    /** The operating system's process id, for reading its memory from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** SIGKILL: the process gets no chance to finish anything; waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the app as an operator would (SIGTERM, graceful shutdown) and waits for it to exit. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private static AppProcess start(String module, int port) {
        return start(module, port, List.of("-Xmx384m"));
    }

    private static AppProcess start(String module, int port, List<String> jvmOptions) {
        return start(module, port, jvmOptions, TestDatabase.get());
    }

    private static AppProcess start(String module, int port, List<String> jvmOptions,
            TestDatabase database) {
        return start(module, port, jvmOptions, database, true);
    }

    /** An app as {@link #start(String, List)} with more environment (e.g. ARCHIVE_ADMISSION_ENABLED=true). */
    public static AppProcess start(String module, List<String> jvmOptions, java.util.Map<String, String> environment) {
        return start(module, freePort(), jvmOptions, TestDatabase.get(), true, environment);
    }

    /** Both apps with the default access rule: each SALES user reads and writes only its own customers. */
    public static AppProcess startOwnerScoped(String module) {
        return startOwnerScoped(module, java.util.Map.of());
    }

    /** The same, with more environment (e.g. where the console finds command-side). */
    public static AppProcess startOwnerScoped(String module, java.util.Map<String, String> environment) {
        return start(module, freePort(), List.of("-Xmx384m"), TestDatabase.get(), false, environment);
    }

    private static AppProcess start(String module, int port, List<String> jvmOptions, TestDatabase database,
            boolean salesSeeAll) {
        return start(module, port, jvmOptions, database, salesSeeAll, java.util.Map.of());
    }

    private static AppProcess start(String module, int port, List<String> jvmOptions, TestDatabase database,
            boolean salesSeeAll, java.util.Map<String, String> environment) {
        Path jar = Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests from the root (./mvnw verify), "
                    + "which packages each module before the tests that start it");
        }
        File log = Path.of("target", module + "-under-test-" + port + ".log").toFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SPRING_DATASOURCE_URL", database.url());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", database.user());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.password());
        builder.environment().put("ARCHIVE_PRIVACY_MASTER_KEY", TestKeys.masterKey());
        builder.environment().put("ARCHIVE_ACCESS_SALESSEEALL", Boolean.toString(salesSeeAll));
        // the tests before review existed register and then buy at once; AdmissionIT turns review on
        builder.environment().put("ARCHIVE_ADMISSION_ENABLED", "false");
        // the tests register many customers with the same names and phones; DuplicatesIT turns the check on
        builder.environment().put("ARCHIVE_DUPLICATES_ENABLED", "false");
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, module + "-under-test-stop"));
            AppProcess started = new AppProcess(process, port);
            started.awaitHealthy(module, Duration.ofSeconds(120), log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(module + " did not start", e);
        }
    }

    private void awaitHealthy(String module, Duration timeout, File log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        process.destroy();
        throw new IllegalStateException(module + " not healthy within " + timeout + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
