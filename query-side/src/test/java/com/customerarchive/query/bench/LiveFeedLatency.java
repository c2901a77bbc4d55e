package com.customerarchive.query.bench;

import java.io.BufferedReader;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live delivery as an integrator sees it: one SSE subscriber, connected at the head of the feed before the writers
 * start, notes when each event arrives; every acknowledged command is noted with its customer and version. The
 * latency of a command is from its acknowledgement to the arrival of its event (the customer's event of that
 * sequence), for every command of the run, not a sample.
 */
final class LiveFeedLatency {

    private static final Pattern SUBJECT = Pattern.compile("\"subject\":\"([^\"]+)\"");
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    private final String queryUrl;
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    LiveFeedLatency(String queryUrl) {
        this.queryUrl = queryUrl;
    }

    /** Subscribes after {@code head} and waits until the stream is open. */
    void start(long head) throws Exception {
        BufferedReader lines = ArchiveBenchmark.eventStream(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), queryUrl, head);
        running = true;
        thread = new Thread(() -> read(lines), "live-feed-latency");
        thread.setDaemon(true);
        thread.start();
    }

    void offer(String customerId, long version, long acknowledgedNanos) {
        acknowledged.put(customerId + "/" + version, acknowledgedNanos);
    }

    /** Waits (at most 30 s) for the events of every acknowledged command, then hangs up. */
    Map<String, Object> stop() throws InterruptedException {
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (!arrived.keySet().containsAll(acknowledged.keySet()) && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
        running = false;
        thread.interrupt();
        Latencies latencies = new Latencies();
        acknowledged.forEach((event, ack) -> {
            Long at = arrived.get(event);
            if (at == null) {
                latencies.error();
            } else {
                latencies.record(Math.max(0, at - ack));
            }
        });
        Map<String, Object> summary = latencies.summary();
        summary.put("eventsArrived", arrived.size());
        return summary;
    }

    private void read(BufferedReader stream) {
        try (BufferedReader lines = stream) {
            String line;
            while (running && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    long now = System.nanoTime();
                    Matcher subject = SUBJECT.matcher(line);
                    Matcher sequence = SEQUENCE.matcher(line);
                    if (subject.find() && sequence.find()) {
                        arrived.putIfAbsent(subject.group(1) + "/" + sequence.group(1), now);
                    }
                }
            }
        } catch (Exception hungUp) {
            // stop() closes the stream
        }
    }
}
