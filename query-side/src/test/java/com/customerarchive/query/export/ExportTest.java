package com.customerarchive.query.export;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.Xlsx;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The export opens in Excel: every matching customer (more than a page of 200), UTF-8 with a byte order mark so a
 * Chinese name survives, one row per customer with flat columns (no page wrapper, no JSON in a cell); and the export
 * is in the access trail with every customer it named.
 */
class ExportTest extends BothAppsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final int CUSTOMERS = 205;

    @LocalServerPort
    int port;

    @Test
    void an_export_of_more_than_a_page_has_every_customer_a_bom_and_flat_columns() throws Exception {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String owner = "rep-export-" + Long.toHexString(System.nanoTime());
        List<String> ids = IntStream.range(0, CUSTOMERS).parallel().mapToObj(n -> {
            String name = n == 0 ? "杭州西湖茶叶有限公司" : "导出客户 " + "%03d".formatted(n);
            Api.Response created = commands.post("/api/customers", "manager", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "C",
                     "ownerId": "%s", "card": {"basic": {"name": "%s", "phones": ["+86 571 0000 %04d", "+86 139 0000 %04d"],
                     "address": {"province": "浙江", "city": "杭州"}},
                     "contacts": [{"name": "王小明", "role": "DECISION_MAKER", "title": "采购经理"}]}}"""
                    .formatted(owner, name, n, n));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            return created.json().get("customerId").asString();
        }).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> queries.get("/api/profiles?size=1&ownerId=" + owner,
                "admin").json().get("total").asInt() == CUSTOMERS);
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);

        // as the console asks: a page size, which an export ignores
        byte[] body = csv("/api/profiles?ownerId=" + owner + "&sort=name&size=200", "manager");

        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<Map<String, String>> rows = rows(text);
        assertThat(rows).hasSize(CUSTOMERS);
        assertThat(rows).extracting(row -> row.get("customerId")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rows.get(0).keySet()).doesNotContain("items", "page", "size", "total")
                .contains("customerId", "grade", "card.basic.name", "card.basic.address.city", "card.basic.phones",
                        "card.contacts");
        Map<String, String> first = rows.stream().filter(row -> row.get("customerId").equals(ids.get(0)))
                .findFirst().orElseThrow();
        assertThat(first.get("card.basic.name")).isEqualTo("杭州西湖茶叶有限公司");
        assertThat(first.get("card.basic.address.city")).isEqualTo("杭州");
        assertThat(first.get("card.basic.phones")).isEqualTo("+86 571 0000 0000; +86 139 0000 0000");
        assertThat(first.get("card.contacts")).isEqualTo("name: 王小明, role: DECISION_MAKER, title: 采购经理");
        assertThat(rows).flatExtracting(Map::values).as("no JSON in a cell")
                .noneMatch(cell -> cell.startsWith("[") || cell.startsWith("{"));

        JsonNode export = queries.get("/api/audit/access?user=manager&from=" + since, "auditor").json()
                .get("items").get(0);
        assertThat(export.get("view").asString()).isEqualTo("GET /api/profiles");
        assertThat(export.get("format").asString()).isEqualTo("text/csv");
        assertThat(export.get("customers").asInt()).isEqualTo(CUSTOMERS);

        // the trail's own export: every entry, not a page, and its customers joined in one cell
        List<Map<String, String>> trail = rows(new String(csv("/api/audit/access?user=manager&from=" + since
                + "&size=1", "auditor"), StandardCharsets.UTF_8).substring(1));
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).get("customerIds").split("; ")).containsExactlyInAnyOrderElementsOf(ids);
    }

    /**
     * The same list as an Excel workbook: one row per customer as in the JSON answer, the header in Chinese when asked
     * in Chinese (in English, the JSON names), numbers as numbers, instants as date and time in China, and the export
     * in the access trail with its format.
     */
    @Test
    void an_excel_export_has_typed_cells_in_china_time_and_the_header_in_the_users_language() {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String owner = "rep-xlsx-" + Long.toHexString(System.nanoTime());
        List<String> ids = IntStream.range(0, 3).mapToObj(n -> {
            Api.Response created = commands.post("/api/customers", "manager", """
                    {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "WEBSITE", "grade": "B",
                     "ownerId": "%s", "occurredAt": "2026-03-0%dT17:30:00Z",
                     "card": {"basic": {"name": "苏州表格%d号有限公司", "phones": ["+86 512 6000 000%d"]}}}"""
                    .formatted(owner, n + 1, n, n));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            return created.json().get("customerId").asString();
        }).toList();
        assertThat(commands.post("/api/customers/" + ids.get(0) + "/visits", "sales", "{\"method\": \"PHONE\"}")
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> queries.get("/api/profiles/" + ids.get(0)
                + "?minVersion=2", "manager").status() == 200 && queries.get("/api/profiles?size=1&ownerId=" + owner,
                "manager").json().get("total").asInt() == 3);
        Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        String list = "/api/profiles?ownerId=" + owner + "&sort=name";

        Xlsx.Workbook chinese = Xlsx.get("http://localhost:" + port, list, "manager", "zh-CN");

        assertThat(chinese.sheetName()).isEqualTo("导出");
        assertThat(chinese.header()).contains("客户ID", "等级", "版本", "档案卡.基本信息.名称", "档案卡.基本信息.电话",
                "登记时间", "负责人").doesNotContain("customerId", "items", "page");
        assertThat(chinese.rows()).hasSize(3);
        // registered at 17:30 UTC on 1 to 3 March: 01:30 the next morning in China
        Map<String, Object> first = chinese.rows().stream().filter(row -> ids.get(0).equals(row.get("客户ID")))
                .findFirst().orElseThrow();
        assertThat(first.get("档案卡.基本信息.名称")).isEqualTo("苏州表格0号有限公司");
        assertThat(first.get("档案卡.基本信息.电话")).isEqualTo("+86 512 6000 0000");
        assertThat(first.get("等级")).isEqualTo("B");
        assertThat(first.get("版本")).isEqualTo(2.0);
        assertThat(first.get("登记时间")).isEqualTo(java.time.LocalDateTime.of(2026, 3, 2, 1, 30));
        assertThat(chinese.rows()).extracting(row -> row.get("登记时间")).containsExactlyInAnyOrder(
                java.time.LocalDateTime.of(2026, 3, 2, 1, 30), java.time.LocalDateTime.of(2026, 3, 3, 1, 30),
                java.time.LocalDateTime.of(2026, 3, 4, 1, 30));
        // the same cells as the JSON answer, customer by customer
        JsonNode json = queries.get(list, "manager").json().get("items");
        assertThat(json).hasSize(3);
        for (JsonNode profile : json) {
            Map<String, Object> row = chinese.rows().stream()
                    .filter(candidate -> profile.get("customerId").asString().equals(candidate.get("客户ID")))
                    .findFirst().orElseThrow();
            assertThat(row.get("版本")).isEqualTo(profile.get("version").asDouble());
            assertThat(row.get("档案卡.基本信息.名称")).isEqualTo(profile.at("/card/basic/name").asString());
            assertThat(row.get("负责人")).isEqualTo(owner);
        }

        Xlsx.Workbook english = Xlsx.get("http://localhost:" + port, list, "manager", "en");
        assertThat(english.sheetName()).isEqualTo("Export");
        assertThat(english.header()).contains("customerId", "grade", "card.basic.name", "registeredAt");
        assertThat(english.rows()).hasSize(3);

        // a refusal asked as a workbook is still a problem the client can read
        var refused = Xlsx.asked("http://localhost:" + port, "/api/profiles?ownerId=" + "x".repeat(65), "manager", "zh-CN");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        JsonNode trail = queries.get("/api/audit/access?user=manager&from=" + since, "auditor").json().get("items");
        assertThat(trail).isNotEmpty();
        assertThat(trail.get(0).get("format").asString()).isEqualTo(Xlsx.TYPE);
        assertThat(trail.get(0).get("customers").asInt()).isEqualTo(3);
    }

    private byte[] csv(String path, String user) throws Exception {
        HttpResponse<byte[]> answer = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/csv").header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("text/csv;charset=UTF-8");
        return answer.body();
    }

    private static List<Map<String, String>> rows(String text) {
        List<Map<String, String>> rows = new ArrayList<>();
        CsvMapper.builder().build().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(text).forEachRemaining(rows::add);
        return rows;
    }
}
