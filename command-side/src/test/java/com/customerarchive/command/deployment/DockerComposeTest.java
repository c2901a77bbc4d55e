package com.customerarchive.command.deployment;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where the tests run, so docker-compose.yml is checked as text against what the
 * apps really read: services, ports, the variables they bind, health checks and Prometheus' targets.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

    @Test
    void compose_starts_postgres_both_apps_kafka_prometheus_and_grafana_each_with_a_health_check() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsOnlyKeys("postgres", "command-side", "query-side", "kafka", "prometheus",
                "grafana", "query-side-2");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
    }

    @Test
    void each_app_is_built_from_the_one_dockerfile_for_its_module_and_published_on_its_configured_port() throws IOException {
        for (String app : List.of("command-side", "query-side")) {
            Map<String, Object> service = services().get(app);
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .as(app).isRegularFile();

            String port = environment(service).get("PORT");
            assertThat(defaultOf("PORT", appConfiguration(app))).as(app + " default port").isEqualTo(port);
            assertThat(service.get("ports").toString()).as(app).contains(port + ":" + port);
            @SuppressWarnings("unchecked")
            Map<String, Object> args = (Map<String, Object>) build.get("args");
            assertThat(args).as(app).containsEntry("MODULE", app).containsEntry("PORT", port);
            assertThat(ROOT.resolve(app).resolve("pom.xml")).as(app + " is a module").isRegularFile();
        }
    }

    /** Debian's docker-compose validates the file without an engine ({@code .ci/run} installs it). */
    @Test
    void docker_compose_config_accepts_the_file_with_and_without_the_scale_profile() throws Exception {
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "scale"))) {
            List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-f",
                    ROOT.resolve("docker-compose.yml").toString()));
            command.addAll(profile);
            command.addAll(List.of("config", "-q"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("ARCHIVE_PRIVACY_MASTER_KEY", "set-by-the-operator");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(profile + ": " + output).isZero();
        }
    }

    @Test
    void the_second_query_side_is_the_first_one_on_another_port_started_only_with_the_scale_profile()
            throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> second = services.get("query-side-2");
        assertThat(second.get("profiles").toString()).contains("scale");
        assertThat(second.get("build")).isEqualTo(services.get("query-side").get("build"));
        assertThat(environment(second)).isEqualTo(environment(services.get("query-side")));
        assertThat(second.get("ports").toString()).contains("8083:8082");
    }

    /** One KRaft broker, its own controller; query-side publishes the feed to it on the listener containers reach. */
    @Test
    void query_side_publishes_to_the_kraft_broker_on_its_inside_listener() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> kafka = environment(services.get("kafka"));
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", kafka.get("KAFKA_NODE_ID") + "@kafka:9093")
                .containsKey("CLUSTER_ID");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092", "EXTERNAL://localhost:9094");
        assertThat(services.get("kafka").get("ports").toString()).contains("9094:9094");
        for (String app : List.of("query-side", "query-side-2")) {
            assertThat(environment(services.get(app))).as(app).containsEntry("ARCHIVE_KAFKA_BOOTSTRAPSERVERS", "kafka:9092");
        }
        assertThat(services.get("query-side").get("depends_on").toString()).contains("kafka");
    }

    @Test
    void every_variable_given_to_an_app_is_one_the_app_reads() throws IOException {
        for (String app : List.of("command-side", "query-side")) {
            String configuration = appConfiguration(app);
            Map<String, Object> flattened = flatten(new Yaml().load(configuration), "");
            for (String variable : environment(services().get(app)).keySet()) {
                boolean placeholder = configuration.contains("${" + variable);
                boolean bound = flattened.containsKey(relaxed(variable));
                assertThat(placeholder || bound).as(app + " reads " + variable).isTrue();
            }
        }
    }

    @Test
    void both_apps_use_the_compose_database_with_its_credentials() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> postgres = environment(services.get("postgres"));
        for (String app : List.of("command-side", "query-side")) {
            Map<String, String> env = environment(services.get(app));
            assertThat(env.get("SPRING_DATASOURCE_URL"))
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        }
    }

    @Test
    void prometheus_scrapes_both_apps_where_they_expose_their_metrics() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus.yml")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        for (String app : List.of("command-side", "query-side")) {
            String port = environment(services().get(app)).get("PORT");
            assertThat(jobs).as(app).anySatisfy(job -> {
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                assertThat(job.get("static_configs").toString()).contains(app + ":" + port);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
        Map<String, String> values = new java.util.LinkedHashMap<>();
        env.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    private static String appConfiguration(String app) throws IOException {
        return Files.readString(ROOT.resolve(app).resolve("src/main/resources/application.yml"));
    }

    private static String defaultOf(String variable, String configuration) {
        Matcher matcher = PLACEHOLDER.matcher(configuration);
        while (matcher.find()) {
            if (matcher.group(1).equals(variable) && matcher.group(2) != null) {
                return matcher.group(2).substring(1);
            }
        }
        return null;
    }

    /** Spring's relaxed binding of an environment variable: SPRING_DATASOURCE_URL is spring.datasource.url. */
    private static String relaxed(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(Map<String, Object> tree, String prefix) {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        tree.forEach((key, value) -> {
            String path = prefix + key.replace("-", "");
            if (value instanceof Map<?, ?> child) {
                flat.putAll(flatten((Map<String, Object>) child, path + "."));
            } else {
                flat.put(path, value);
            }
        });
        return flat;
    }
}
