package com.customerarchive.query.web;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** query-side's OpenAPI document: the service, its version, HTTP Basic, and per operation its roles and answers. */
class OpenApiDocumentTest extends BothAppsTest {

    @LocalServerPort
    int port;

    @Test
    void the_document_names_the_service_and_for_every_operation_its_roles_problem_answers_and_typed_answer() {
        Api.Response answer = new Api("http://localhost:" + port).get("/v3/api-docs", null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode document = answer.json();
        assertThat(document.at("/info/title").asString()).isEqualTo("Customer Archive: query-side");
        assertThat(document.at("/info/version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asString()).isEqualTo("basic");

        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode operation = method.getValue();
                assertThat(operation.get("x-roles").valueStream().map(JsonNode::asString).toList()).as(name).isNotEmpty();
                assertThat(operation.at("/security/0/basic").isArray()).as(name).isTrue();
                JsonNode responses = operation.get("responses");
                assertThat(responses.propertyNames()).as(name).contains("401", "403", "503");
                JsonNode ok = responses.path("200").path("content");
                // the printed card is a binary download (a PDF)
                JsonNode schema = ok.has("text/event-stream") ? ok.at("/text~1event-stream/schema")
                        : ok.has("application/pdf") ? ok.at("/application~1pdf/schema")
                        : ok.at("/application~1json/schema");
                assertThat(schema.isMissingNode() || schema.isEmpty()).as(name + " answers a typed schema: " + ok).isFalse();
                if (schema.has("type") && schema.get("type").asString().equals("object")) {
                    assertThat(schema.has("properties")).as(name + " answers an untyped map").isTrue();
                }
            }
        }
        assertThat(operations).contains("GET /api/profiles/{customerId}", "GET /api/profiles/{customerId}/verify",
                "GET /api/audit/checkpoint", "GET /api/events");
        assertThat(document.at("/paths/~1api~1audit~1checkpoint/get/x-roles").valueStream().map(JsonNode::asString)
                .toList()).containsExactly("AUDITOR", "ADMIN");
        assertThat(document.at("/paths/~1api~1profiles~1{customerId}~1verify/get/responses/200/content/"
                + "application~1json/schema/$ref").asString()).endsWith("/Verification");
    }
}
