package com.customerarchive.query.web;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A manager types dates where a period is asked for: from, to and asOf take a date (its start in the business zone, Asia/Shanghai) or an instant. */
class PeriodParametersTest extends BothAppsTest {

    @LocalServerPort
    int port;

    @Test
    void dates_and_instants_are_both_periods_and_anything_else_is_a_400_saying_what_is_expected() {
        Api queries = new Api("http://localhost:" + port);

        Api.Response byDates = queries.get("/api/reports/grade-migration?from=2026-03-01&to=2026-04-01", "manager");
        assertThat(byDates.status()).isEqualTo(200);
        assertThat(byDates.json().get("from").asString()).isEqualTo("2026-02-28T16:00:00Z");
        assertThat(byDates.json().get("to").asString()).isEqualTo("2026-03-31T16:00:00Z");

        Api.Response mixed = queries.get("/api/reports/activity?from=2026-03-01&to=2026-03-15T12:00:00Z", "manager");
        assertThat(mixed.status()).isEqualTo(200);
        assertThat(mixed.json().get("to").asString()).isEqualTo("2026-03-15T12:00:00Z");

        assertThat(queries.get("/api/follow-ups/overdue?asOf=2026-03-01", "manager").status()).isEqualTo(200);
        assertThat(queries.get("/api/complaints?asOf=2026-03-01", "manager").status()).isEqualTo(200);

        Api.Response wrong = queries.get("/api/reports/grade-migration?from=March&to=2026-04-01", "manager");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().at("/errors/0/field").asString()).isEqualTo("from");
        assertThat(wrong.json().at("/errors/0/message").asString()).contains("2026-03-01");
    }
}
