package com.customerarchive.query.audit;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.ClearText;
import com.customerarchive.query.support.Prometheus;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A search page and its CSV export leave a trace an auditor can read: who, which endpoint in which format, the
 * filter, how many customers and which; a SALES user cannot read the trail; the per-user metric of customers read
 * rises by the customers the answers named.
 */
class BulkReadTrailTest extends BothAppsTest {

    private static final String READS = "archive_customers_read_total";

    @LocalServerPort
    int port;

    @Test
    void a_managers_search_page_and_its_export_are_in_the_trail_with_their_customers_and_counted() throws Exception {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String owner = "rep-trail-" + Long.toHexString(System.nanoTime());
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Trail Alpha", "Trail Bravo", "Trail Charlie")) {
            String id = commands.post("/api/customers", "manager", """
                    {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                     "ownerId": "%s", "card": {"basic": {"name": "%s"}}}""".formatted(owner, name)).json()
                    .get("customerId").asString();
            ids.add(id);
            // the admin waits, so that the manager's reads are the test's two only
            await().atMost(Duration.ofSeconds(15)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=1",
                    "admin").status(), status -> status == 200);
        }
        double readBefore = Math.max(0, Prometheus.value(queries, READS, "user", "manager"));
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        String filter = "ownerId=" + owner + "&sort=name&size=3";

        JsonNode page = queries.get("/api/profiles?" + filter, "manager").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        List<Map<String, String>> exported = csv(queries.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/profiles?" + filter)).header("Accept", "text/csv").GET(), "manager")
                .raw().body());
        assertThat(exported).extracting(row -> row.get("customerId")).containsExactlyElementsOf(ids);
        assertThat(exported).extracting(row -> row.get("card.basic.name"))
                .containsExactly("Trail Alpha", "Trail Bravo", "Trail Charlie");

        String trailQuery = "/api/audit/access?user=manager&from=" + since;
        JsonNode trail = queries.get(trailQuery, "auditor").json();
        assertThat(trail.get("total").asInt()).isEqualTo(2);
        JsonNode export = trail.get("items").get(0);
        JsonNode search = trail.get("items").get(1);
        assertThat(export.get("user").asString()).isEqualTo("manager");
        assertThat(export.get("view").asString()).isEqualTo("GET /api/profiles");
        assertThat(export.get("format").asString()).isEqualTo("text/csv");
        assertThat(export.get("filter").asString()).isEqualTo("ownerId=" + owner + "&sort=name&size=3");
        assertThat(export.get("customers").asInt()).isEqualTo(3);
        assertThat(export.get("customerIds").valueStream().map(JsonNode::asString).toList()).containsExactlyElementsOf(ids);
        assertThat(search.get("view").asString()).isEqualTo("GET /api/profiles");
        assertThat(search.get("format").asString()).isEqualTo("application/json");
        assertThat(search.get("customers").asInt()).isEqualTo(3);
        assertThat(search.get("customerIds").valueStream().map(JsonNode::asString).toList()).containsExactlyElementsOf(ids);
        assertThat(Instant.parse(search.get("at").asString())).isBeforeOrEqualTo(Instant.parse(export.get("at").asString()));

        List<Map<String, String>> trailCsv = csv(queries.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + trailQuery)).header("Accept", "text/csv").GET(), "auditor").raw().body());
        assertThat(trailCsv).extracting(row -> row.get("format")).containsExactly("text/csv", "application/json");
        assertThat(trailCsv).extracting(row -> row.get("customers")).containsExactly("3", "3");

        assertThat(queries.get(trailQuery, "sales").status()).isEqualTo(403);
        assertThat(Prometheus.value(queries, READS, "user", "manager") - readBefore).as("customers the manager read")
                .isEqualTo(6.0);
        assertThat(queries.get("/v3/api-docs", "auditor").json().at("/paths/~1api~1profiles/get/description").asString())
                .contains("Each answer (JSON or CSV) is recorded in the access trail with its filter and the customers "
                        + "it names (GET /api/audit/access).");
        assertThat(queries.get("/api/audit/access?size=0", "auditor").json().at("/errors/0/field").asString())
                .isEqualTo("size");
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_search_by_name_is_in_the_trail_without_the_name() {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String name = "Wang Trailname" + Long.toHexString(System.nanoTime());
        String id = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                 "ownerId": "rep-trail-name", "card": {"basic": {"name": "%s"}}}""".formatted(name)).json()
                .get("customerId").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=1",
                "admin").status(), status -> status == 200);
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);

        JsonNode found = queries.get("/api/profiles?q=" + name.replace(" ", "%20") + "&grade=C", "manager").json();
        assertThat(found.get("total").asInt()).isEqualTo(1);

        JsonNode entry = queries.get("/api/audit/access?user=manager&from=" + since, "auditor").json().get("items").get(0);
        assertThat(entry.get("filter").asString()).isEqualTo("q=[text]&grade=C");
        assertThat(entry.get("customerIds").get(0).asString()).isEqualTo(id);
        // the profile holds the name, the trail does not
        assertThat(ClearText.rowsHolding(jdbc, name)).containsKey("read_model.profile")
                .doesNotContainKey("read_model.access_trail");
    }

    private static List<Map<String, String>> csv(String text) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        CsvMapper.builder().build().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(text.startsWith("\uFEFF") ? text.substring(1) : text)
                .forEachRemaining(rows::add);
        return rows;
    }
}
