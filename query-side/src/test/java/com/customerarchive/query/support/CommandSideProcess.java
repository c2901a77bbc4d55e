package com.customerarchive.query.support;

import com.customerarchive.testsupport.TestDatabase;

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

/**
 * The real command-side application, started from its packaged jar as its own process on a random port
 * against the tests' PostgreSQL (query-side never has command-side's classes on its classpath).
 */
public final class CommandSideProcess {

    private static CommandSideProcess instance;

    private final Process process;
    private final int port;

    private CommandSideProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized CommandSideProcess get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private static CommandSideProcess start() {
        Path jar = Path.of("..", "command-side", "target", "command-side.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests from the root (./mvnw verify), "
                    + "which packages command-side before query-side is tested");
        }
        int port = freePort();
        TestDatabase database = TestDatabase.get();
        File log = Path.of("target", "command-side-under-test.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SPRING_DATASOURCE_URL", database.url());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", database.user());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.password());
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "command-side-under-test-stop"));
            CommandSideProcess started = new CommandSideProcess(process, port);
            started.awaitHealthy(Duration.ofSeconds(120), log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("command-side did not start", e);
        }
    }

    private void awaitHealthy(Duration timeout, File log) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("command-side exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
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
        throw new IllegalStateException("command-side not healthy within " + timeout + "; see " + log);
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
