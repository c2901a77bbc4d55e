package com.customerarchive.query.bench;

import com.customerarchive.query.support.AppProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every half second: each app's resident set (from /proc) and used heap (from its /actuator/prometheus); keeps peaks. */
final class MemorySampler {

    private static final double MIB = 1024 * 1024;

    private final Map<String, AppProcess> apps;
    private final Map<String, double[]> peaks = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile boolean running;
    private Thread thread;

    MemorySampler(Map<String, AppProcess> apps) {
        this.apps = apps;
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                apps.forEach(this::sample);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** Per app: peak used heap and peak resident set, in MiB. */
    Map<String, Object> peaks() {
        Map<String, Object> result = new LinkedHashMap<>();
        peaks.forEach((app, values) -> result.put(app, Map.of(
                "peakHeapUsedMiB", Math.round(values[0]), "peakRssMiB", Math.round(values[1]))));
        return result;
    }

    private void sample(String name, AppProcess app) {
        double[] peak = peaks.computeIfAbsent(name, n -> new double[2]);
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    peak[1] = Math.max(peak[1], Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
            String metrics = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double heap = metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{")
                            && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            peak[0] = Math.max(peak[0], heap / MIB);
        } catch (IOException | RuntimeException stoppedOrRestarting) {
            // the app may be between a stop and a start (the replay restarts query-side)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
