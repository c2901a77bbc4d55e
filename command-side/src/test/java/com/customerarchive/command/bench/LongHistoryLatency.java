package com.customerarchive.command.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark program (not a test): the latency of recording a visit on a customer with a long history
 * against a new customer, on a running command-side.
 * <pre>java -cp command-side/target/test-classes com.customerarchive.command.bench.LongHistoryLatency \
 *      [baseUrl=http://localhost:8081] [history=10000] [samples=500]</pre>
 */
public final class LongHistoryLatency {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern CUSTOMER_ID = Pattern.compile("\"customerId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("sales:sales-pw".getBytes(StandardCharsets.UTF_8));

    private LongHistoryLatency() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8081";
        int history = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 500;

        String longCustomer = register(base, "Long History Ltd");
        long seedStart = System.nanoTime();
        for (int i = 1; i < history; i++) {
            visit(base, longCustomer);
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("seeded %d events in %.1f s (%.0f commands/s, 1 client)%n", history, seedSeconds,
                (history - 1) / seedSeconds);

        List<Double> longLatencies = new ArrayList<>();
        List<Double> newLatencies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            longLatencies.add(visit(base, longCustomer));
            newLatencies.add(visit(base, register(base, "New Customer " + i)));
        }
        report("customer with " + history + " events", longLatencies);
        report("new customer (1 event)", newLatencies);
        System.out.printf("ratio of p50: %.2f, of p99: %.2f%n",
                percentile(longLatencies, 50) / percentile(newLatencies, 50),
                percentile(longLatencies, 99) / percentile(newLatencies, 99));
    }

    private static String register(String base, String name) throws Exception {
        String body = "{\"kind\":\"ORGANIZATION\",\"nature\":\"COMPANY\",\"tier\":\"KEY\",\"source\":\"EVENT\","
                + "\"grade\":\"B\",\"ownerId\":\"rep-1\",\"card\":{\"basic\":{\"name\":\"" + name + "\"}}}";
        HttpResponse<String> response = post(base + "/api/customers", body);
        Matcher matcher = CUSTOMER_ID.matcher(response.body());
        if (response.statusCode() != 201 || !matcher.find()) {
            throw new IllegalStateException("registration failed: " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }

    /** @return the latency in milliseconds */
    private static double visit(String base, String customerId) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = post(base + "/api/customers/" + customerId + "/visits", "{\"method\":\"PHONE\"}");
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("visit failed: " + response.statusCode() + " " + response.body());
        }
        return millis;
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", AUTH).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String what, List<Double> latencies) {
        System.out.printf("%-32s p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms   (%d samples)%n", what,
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), latencies.size());
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
