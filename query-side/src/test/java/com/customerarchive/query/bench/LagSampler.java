package com.customerarchive.query.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Projection lag as a reader sees it: takes the latest acknowledged command every {@value #EVERY_MILLIS} ms and
 * polls its profile on query-side (no {@code minVersion}, so the server does not wait) until that version shows;
 * the lag is the time from the acknowledgement to the first answer that shows it.
 */
final class LagSampler {

    private static final long EVERY_MILLIS = 20;

    private record Ack(String customerId, long version, long acknowledgedNanos) {
    }

    private final String queryUrl;
    private final AtomicReference<Ack> latest = new AtomicReference<>();
    private final Latencies lags = new Latencies();
    private volatile boolean running;
    private Thread thread;

    LagSampler(String queryUrl) {
        this.queryUrl = queryUrl;
    }

    void offer(String customerId, long version, long acknowledgedNanos) {
        latest.set(new Ack(customerId, version, acknowledgedNanos));
    }

    void start() {
        running = true;
        thread = new Thread(this::sample, "lag-sampler");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    Map<String, Object> summary() {
        return lags.summary();
    }

    private void sample() {
        while (running) {
            Ack ack = latest.getAndSet(null);
            if (ack != null) {
                measure(ack);
            }
            pause(EVERY_MILLIS);
        }
    }

    private void measure(Ack ack) {
        long giveUp = ack.acknowledgedNanos() + 30_000_000_000L;
        while (System.nanoTime() < giveUp) {
            try {
                var profile = ArchiveBenchmark.send("GET", queryUrl + "/api/profiles/" + ack.customerId(), "manager", null);
                if (profile.path("version").asLong() >= ack.version()) {
                    lags.record(System.nanoTime() - ack.acknowledgedNanos());
                    return;
                }
            } catch (IllegalStateException notThereYet) {
                // 404 until the profile projection has seen the registration
            }
            pause(1);
        }
        lags.error();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
