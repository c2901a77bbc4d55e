package com.customerarchive.query.monitoring;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
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

/**
 * What operators load beside the apps holds: Prometheus' alert rules pass {@code promtool check rules} (Debian's
 * {@code prometheus} package, which {@code .ci/run} installs), every metric they query exists in a live scrape of
 * the two apps, and what the apps expose passes {@code promtool check metrics}.
 */
class MonitoringFilesTest extends BothAppsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** A metric name in an expression: the apps' own, HTTP, JVM and pool meters (not labels, not functions). */
    private static final Pattern METRIC = Pattern.compile("\\b((?:archive|http_server|jvm|hikaricp)_[a-z_]+)\\b");

    @LocalServerPort
    int port;

    @Test
    void the_alert_rules_are_valid_and_query_metrics_the_apps_expose() throws Exception {
        Result checked = promtool(null, "check", "rules", DEPLOY.resolve("alerts.yml").toString());
        assertThat(checked.exit()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("SUCCESS");

        String exposed = scrape(COMMAND_SIDE.baseUrl()) + scrape("http://localhost:" + port);
        Set<String> queried = metricsIn(Files.readString(DEPLOY.resolve("alerts.yml")));
        assertThat(queried).contains("archive_dead_letters", "archive_projection_lag");
        for (String metric : queried) {
            assertThat(exposed).as("a metric the alert rules query").containsPattern("(?m)^" + metric + "[{ ]");
        }
    }

    /**
     * Micrometer's own JVM and system binders name three meters as promtool would not; common JVM dashboards query
     * them by those names, so they stay. Anything else promtool finds fails the test.
     */
    private static final Set<String> MICROMETER_NAMES = Set.of(
            "jvm_compilation_time_ms_total metric names should not contain abbreviated units",
            "process_cpu_time_ns_total metric names should not contain abbreviated units",
            "system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix");

    @Test
    void the_grafana_dashboard_is_valid_json_on_the_provisioned_source_and_queries_metrics_the_apps_expose()
            throws Exception {
        // one refusal, so that the refusals-by-rule counter has a sample
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        String id = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-grafana", "card": {"basic": {"name": "Dashboard Sample"}}}""").json()
                .get("customerId").asString();
        assertThat(commands.put("/api/customers/" + id + "/grade", "manager",
                "{\"grade\": \"C\", \"reason\": \"no change\"}").status()).isEqualTo(409);

        JsonNode dashboard = JsonMapper.builder().build().readTree(
                Files.readString(DEPLOY.resolve("grafana/dashboards/customer-archive.json")));
        String datasources = Files.readString(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.at("/datasource/uid").asString()).as(panel.get("title").asString()).isEqualTo("prometheus");
            panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
        }
        assertThat(datasources).contains("uid: prometheus", "url: http://prometheus:9090");
        assertThat(expressions).hasSizeGreaterThan(10);

        String exposed = scrape(COMMAND_SIDE.baseUrl()) + scrape("http://localhost:" + port);
        Set<String> queried = metricsIn(String.join("\n", expressions));
        assertThat(queried).contains("archive_refusals_total", "archive_dead_letters", "archive_feed_subscribers",
                "jvm_memory_used_bytes", "hikaricp_connections_active");
        for (String metric : queried) {
            assertThat(exposed).as("a metric the dashboard queries").containsPattern("(?m)^" + metric + "[{ ]");
        }
        assertThat(exposed).containsPattern("(?m)^archive_refusals_total\\{[^}]*rule=\"same-grade\"");
    }

    @Test
    void what_each_app_exposes_passes_promtool_check_metrics() throws Exception {
        for (String app : new String[]{COMMAND_SIDE.baseUrl(), "http://localhost:" + port}) {
            Result linted = promtool(scrape(app), "check", "metrics");
            assertThat(linted.output().lines().filter(line -> !line.isBlank()))
                    .as(app + " lint").allMatch(MICROMETER_NAMES::contains);
        }
    }

    static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String scrape(String baseUrl) {
        Api.Response answer = new Api(baseUrl).get("/actuator/prometheus", null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.raw().body();
    }

    record Result(int exit, String output) {
    }

    static Result promtool(String input, String... arguments) throws IOException, InterruptedException {
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
}
