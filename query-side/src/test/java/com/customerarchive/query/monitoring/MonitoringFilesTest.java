package com.customerarchive.query.monitoring;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.Monitoring;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators load beside the apps holds: Prometheus' alert rules pass {@code promtool check rules} (Debian's
 * {@code prometheus} package, which {@code .ci/run} installs), every metric they and the Grafana dashboard query
 * exists in a live scrape of the two apps, the rules' unit tests (deploy/alerts-test.yml) pass {@code promtool test
 * rules}, and what the apps expose passes {@code promtool check metrics}. The Kafka
 * publisher's meters exist only where it is configured: KafkaPublisherTest checks those.
 */
class MonitoringFilesTest extends BothAppsTest {

    static final String KAFKA_METRICS = "archive_kafka_";

    @LocalServerPort
    int port;

    @Test
    void the_alert_rules_are_valid_and_query_metrics_the_apps_expose() throws Exception {
        Monitoring.Result checked = Monitoring.promtool(null, "check", "rules",
                Monitoring.DEPLOY.resolve("alerts.yml").toString());
        assertThat(checked.exit()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("SUCCESS");

        // a search page, so that the customers-read counter has a sample
        assertThat(new Api("http://localhost:" + port).get("/api/profiles?size=1", "manager").status()).isEqualTo(200);
        String exposed = Monitoring.scrape(COMMAND_SIDE.baseUrl()) + Monitoring.scrape("http://localhost:" + port);
        Set<String> queried = Monitoring.metricsIn(Monitoring.alertRules());
        assertThat(queried).contains("archive_dead_letters", "archive_projection_lag", "archive_kafka_lag",
                "archive_customers_read_total");
        for (String metric : queried) {
            if (!metric.startsWith(KAFKA_METRICS)) {
                assertThat(exposed).as("a metric the alert rules query").containsPattern("(?m)^" + metric + "[{ ]");
            }
        }
    }

    @Test
    void the_bulk_read_alert_fires_for_the_user_past_its_limit_and_for_no_other() throws Exception {
        Monitoring.Result tested = Monitoring.promtool(null, "test", "rules",
                Monitoring.DEPLOY.resolve("alerts-test.yml").toString());
        assertThat(tested.exit()).as(tested.output()).isZero();
        assertThat(tested.output()).contains("SUCCESS");
    }

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

        String datasources = Files.readString(Monitoring.DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"));
        for (JsonNode panel : Monitoring.dashboard().get("panels")) {
            assertThat(panel.at("/datasource/uid").asString()).as(panel.get("title").asString()).isEqualTo("prometheus");
        }
        List<String> expressions = Monitoring.dashboardExpressions();
        assertThat(datasources).contains("uid: prometheus", "url: http://prometheus:9090");
        assertThat(expressions).hasSizeGreaterThan(10);

        String exposed = Monitoring.scrape(COMMAND_SIDE.baseUrl()) + Monitoring.scrape("http://localhost:" + port);
        Set<String> queried = Monitoring.metricsIn(String.join("\n", expressions));
        assertThat(queried).contains("archive_refusals_total", "archive_dead_letters", "archive_feed_subscribers",
                "jvm_memory_used_bytes", "hikaricp_connections_active", "archive_kafka_lag");
        for (String metric : queried) {
            if (!metric.startsWith(KAFKA_METRICS)) {
                assertThat(exposed).as("a metric the dashboard queries").containsPattern("(?m)^" + metric + "[{ ]");
            }
        }
        assertThat(exposed).containsPattern("(?m)^archive_refusals_total\\{[^}]*rule=\"same-grade\"");
    }

    @Test
    void what_each_app_exposes_passes_promtool_check_metrics() throws Exception {
        for (String app : new String[]{COMMAND_SIDE.baseUrl(), "http://localhost:" + port}) {
            assertThat(Monitoring.lint(Monitoring.scrape(app))).as(app + " lint").isEmpty();
        }
    }
}
