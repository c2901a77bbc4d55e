package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes that many tests need: customers registered through command-side, each with a few phone visits. */
public final class Visits {

    private Visits() {
    }

    /**
     * Registers {@code customers} individuals owned by {@code owner} (named "{@code name} 0", "{@code name} 1", …) and
     * records {@code visitsEach} visits on each; @return the events written.
     */
    public static int customersWithVisits(Api commands, String owner, String name, int customers, int visitsEach) {
        int events = 0;
        for (int c = 0; c < customers; c++) {
            var created = commands.post("/api/customers", "sales", """
                    {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "D",
                     "ownerId": "%s", "card": {"basic": {"name": "%s %d"}}}""".formatted(owner, name, c));
            assertThat(created.status()).isEqualTo(201);
            events++;
            String id = created.json().get("customerId").asString();
            for (int v = 0; v < visitsEach; v++) {
                assertThat(commands.post("/api/customers/" + id + "/visits", "sales", "{\"method\": \"PHONE\"}").status())
                        .isEqualTo(201);
                events++;
            }
        }
        return events;
    }

    /** The numbers of the visits query-side lists for the customer, as a manager reads them. */
    public static List<Integer> listed(Api queries, String customer) {
        Api.Response visits = queries.get("/api/profiles/" + customer + "/visits", "manager");
        assertThat(visits.status()).as(visits.raw().body()).isEqualTo(200);
        return visits.json().valueStream().map(visit -> visit.get("visitNo").asInt()).toList();
    }
}
