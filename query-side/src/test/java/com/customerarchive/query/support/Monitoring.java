package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators load beside the apps (deploy/: alert rules, the Grafana dashboard), read as the tests check it. */
public final class Monitoring {

    public static final Path DEPLOY = Path.of("..", "deploy");
    /** A metric name in an expression: the apps' own, HTTP, JVM and pool meters (not labels, not functions). */
    private static final Pattern METRIC = Pattern.compile("\\b((?:archive|http_server|jvm|hikaricp)_[a-z_]+)\\b");

    /**
     * Micrometer's own JVM and system binders name three meters as promtool would not; common JVM dashboards query
     * them by those names, so they stay. Anything else promtool finds fails a test.
     */
    public static final Set<String> MICROMETER_NAMES = Set.of(
            "jvm_compilation_time_ms_total metric names should not contain abbreviated units",
            "process_cpu_time_ns_total metric names should not contain abbreviated units",
            "system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix");

    private Monitoring() {
    }

    public static String alertRules() {
        return read(DEPLOY.resolve("alerts.yml"));
    }

    public static JsonNode dashboard() {
        return JsonMapper.builder().build().readTree(read(DEPLOY.resolve("grafana/dashboards/customer-archive.json")));
    }

    /** Every PromQL expression of the dashboard's panels. */
    public static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard().get("panels")) {
            panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
        }
        return expressions;
    }

    public static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public static String scrape(String baseUrl) {
        Api.Response answer = new Api(baseUrl).get("/actuator/prometheus", null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.raw().body();
    }

    /** What {@code promtool check metrics} says of a scrape beyond {@link #MICROMETER_NAMES}. */
    public static List<String> lint(String scrape) throws IOException, InterruptedException {
        return promtool(scrape, "check", "metrics").output().lines()
                .filter(line -> !line.isBlank() && !MICROMETER_NAMES.contains(line)).toList();
    }

    public record Result(int exit, String output) {
    }

    public static Result promtool(String input, String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
