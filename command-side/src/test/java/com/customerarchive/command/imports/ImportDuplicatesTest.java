package com.customerarchive.command.imports;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The import's report with the duplicate check on: rows that meet a customer of the archive, or an earlier row. */
@TestPropertySource(properties = "archive.duplicates.enabled=true")
class ImportDuplicatesTest extends PostgresTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void rows_that_meet_a_customer_of_the_archive_or_an_earlier_row_are_listed_and_left_out() {
        Api api = new Api("http://localhost:" + port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String phone = "0571-8" + run.chars().map(c -> c % 10).limit(7).collect(StringBuilder::new,
                StringBuilder::append, StringBuilder::append);
        UUID existing = UUID.randomUUID();
        assertThat(api.post("/api/customers", "sales", """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "REFERRAL",
                 "grade": "B", "ownerId": "sales", "card": {"basic": {"name": "钱塘机械 %s", "phones": ["%s"]}}}"""
                .formatted(existing, run, phone)).status()).isEqualTo(201);
        String csv = "外部编号,客户名称,客户类型,客户性质,客户层级,信息来源,客户等级,负责人,电话,税号\r\n"
                + "D-" + run + "-2,钱江贸易 " + run + ",单位,普通公司,一般客户,展会,B,sales," + phone + ",\r\n"
                + "D-" + run + "-3,之江电器 " + run + ",单位,普通公司,一般客户,展会,B,sales,,91330100TAX" + run + "\r\n"
                + "D-" + run + "-4,之江电器分公司 " + run + ",单位,普通公司,一般客户,展会,B,sales,,91330100TAX" + run + "\r\n"
                + "D-" + run + "-5,富春纸业 " + run + ",单位,普通公司,一般客户,展会,B,sales,,\r\n";

        var answer = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)), "manager");

        assertThat(answer.status()).isEqualTo(202);
        JsonNode report = answer.json().get("report");
        assertThat(report.get("rows").asInt()).isEqualTo(4);
        assertThat(report.get("accepted").asInt()).isEqualTo(2);
        assertThat(report.get("duplicates")).hasSize(2);
        JsonNode archive = report.get("duplicates").get(0);
        assertThat(archive.get("row").asInt()).isEqualTo(2);
        assertThat(archive.get("matchedOn").get(0).asString()).isEqualTo("PHONE");
        assertThat(archive.get("customers").get(0).get("id").asString()).isEqualTo(existing.toString());
        JsonNode inFile = report.get("duplicates").get(1);
        assertThat(inFile.get("row").asInt()).isEqualTo(4);
        assertThat(inFile.get("rows").get(0).asInt()).isEqualTo(3);
        assertThat(inFile.get("matchedOn").get(0).asString()).isEqualTo("TAX_NUMBER");
        String location = answer.header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(location, "manager").json().get("state")
                .asString().equals("DONE"));
        JsonNode progress = api.get(location, "manager").json().get("progress");
        assertThat(progress.get("registered").asInt()).isEqualTo(2);
        // the rows left out wrote nothing; the accepted ones one registration each
        for (int row = 2; row <= 5; row++) {
            long events = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                    .param("id", Registration.customerIdOf("D-" + run + "-" + row).toString()).query(Long.class).single();
            assertThat(events).as("row %d", row).isEqualTo(row == 2 || row == 4 ? 0 : 1);
        }
    }
}
