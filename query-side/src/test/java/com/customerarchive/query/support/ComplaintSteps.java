package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer registered through command-side, and its complaints taken through their lifecycle there, every step at
 * the instant (occurredAt) the test gives; the customer's version follows each write.
 */
public final class ComplaintSteps {

    private final Api commands;
    private final String customerId;
    private long version;

    private ComplaintSteps(Api commands, String customerId, long version) {
        this.commands = commands;
        this.customerId = customerId;
        this.version = version;
    }

    /** A grade-D organisation named {@code name}, owned by {@code owner}, registered at {@code at}. */
    public static ComplaintSteps register(Api commands, String owner, String name, String at) {
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "PHONE_INTERVIEW", "grade": "D",
                 "ownerId": "%s", "occurredAt": "%s", "card": {"basic": {"name": "%s"}}}""".formatted(owner, at, name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new ComplaintSteps(commands, created.json().get("customerId").asString(),
                created.json().get("version").asLong());
    }

    public String customerId() {
        return customerId;
    }

    /** Files a complaint at {@code filedAt} and assigns it at once; @return its complaintId. */
    public String fileAndAssign(String category, String severity, String filedAt) {
        String complaintId = write(201, "", """
                {"category": "%s", "severity": "%s", "description": "complaint", "channel": "phone", "occurredAt": "%s"}"""
                .formatted(category, severity, filedAt)).get("complaintId").asString();
        write(200, "/" + complaintId + "/assign", "{\"assignee\": \"service-desk\", \"occurredAt\": \"%s\"}"
                .formatted(filedAt));
        return complaintId;
    }

    /** Files, assigns and resolves a complaint; @return its complaintId. */
    public String resolved(String category, String severity, String filedAt, String responsibility, String resolvedAt) {
        String complaintId = fileAndAssign(category, severity, filedAt);
        write(200, "/" + complaintId + "/resolve", "{\"resolution\": \"settled\", \"responsibility\": \"%s\", \"occurredAt\": \"%s\"}"
                .formatted(responsibility, resolvedAt));
        return complaintId;
    }

    /** The return visit after the resolution. */
    public void followUp(String complaintId, int satisfaction, String at) {
        write(200, "/" + complaintId + "/follow-up", "{\"satisfaction\": %d, \"occurredAt\": \"%s\"}"
                .formatted(satisfaction, at));
    }

    public void close(String complaintId, String at) {
        write(200, "/" + complaintId + "/close", "{\"occurredAt\": \"%s\"}".formatted(at));
    }

    public void reopen(String complaintId, String at) {
        write(200, "/" + complaintId + "/reopen", "{\"reason\": \"the fault came back\", \"occurredAt\": \"%s\"}"
                .formatted(at));
    }

    /** Waits until query-side's read models hold every write made here. */
    public void readBy(Api queries) {
        String path = "/api/profiles/" + customerId + "?minVersion=" + version;
        assertThat(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get(path, "manager").status(), status -> status != 503)).isEqualTo(200);
    }

    private tools.jackson.databind.JsonNode write(int status, String complaintPath, String body) {
        Api.Response answer = commands.post("/api/customers/" + customerId + "/complaints" + complaintPath, "sales", body);
        assertThat(answer.status()).as(complaintPath + " " + answer.raw().body()).isEqualTo(status);
        version = answer.json().get("version").asLong();
        return answer.json();
    }
}
