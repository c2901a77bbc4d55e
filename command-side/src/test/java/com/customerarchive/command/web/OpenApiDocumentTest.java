package com.customerarchive.command.web;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * command-side's OpenAPI document as a client developer meets it: it names the service and its version, declares
 * HTTP Basic, and for every operation lists the roles and the problem answers and types every answer. The copy in
 * src/test/resources/openapi, from which the tests' Java client is generated, is the document the app serves.
 */
class OpenApiDocumentTest extends PostgresTest {

    static final Path COMMITTED = Path.of("src", "test", "resources", "openapi", "command-side.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private JsonNode document;

    @BeforeEach
    void read() {
        Api.Response answer = new Api("http://localhost:" + port).get("/v3/api-docs", null);
        assertThat(answer.status()).isEqualTo(200);
        document = JSON.readTree(answer.raw().body());
    }

    @Test
    void the_document_names_the_service_its_version_and_http_basic() {
        assertThat(document.at("/info/title").asString()).isEqualTo("Customer Archive: command-side");
        assertThat(document.at("/info/version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(document.at("/info/description").asString()).contains("Writes to the customer archive");
        assertThat(document.at("/components/securitySchemes/basic/type").asString()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asString()).isEqualTo("basic");
        assertThat(document.at("/components/schemas/Problem/properties").propertyNames())
                .contains("type", "title", "status", "detail", "errors", "rule");
    }

    @Test
    void every_operation_lists_its_roles_and_problem_answers_and_types_every_answer() {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                String name = method.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = method.getValue();
                operations.add(name);
                assertThat(operation.at("/security/0/basic").isArray()).as(name).isTrue();
                assertThat(operation.get("x-roles").valueStream().map(JsonNode::asString).toList()).as(name)
                        .isNotEmpty().isSubsetOf("SALES", "MANAGER", "AUDITOR", "INTEGRATOR", "OUTLET", "ADMIN", "CLERK", "FINANCE");
                assertThat(operation.get("description").asString()).as(name).contains("Roles: ");
                JsonNode responses = operation.get("responses");
                assertThat(responses.propertyNames()).as(name).contains("401", "403", "503");
                if (!method.getKey().equals("get")) {
                    // every write may be refused by a rule; the one read here (a handover's progress) is not
                    assertThat(responses.propertyNames()).as(name).contains("400", "409");
                }
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    JsonNode content = response.getValue().path("content");
                    String status = response.getKey();
                    if (status.startsWith("2")) {
                        JsonNode workbook = content.path("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                                .path("schema");
                        JsonNode schema = content.has("application/json") ? content.path("application/json").path("schema")
                                : workbook;
                        // a file to download (the import's template) is typed as binary
                        assertThat(typedSchema(schema) || schema == workbook && schema.path("format").asString()
                                .equals("binary")).as(name + " answers " + status + " with " + schema).isTrue();
                    } else {
                        assertThat(content.at("/application~1problem+json/schema/$ref").asString())
                                .as(name + " " + status).isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        assertThat(operations).as("every write of API.md").contains("POST /api/customers",
                "PATCH /api/customers/{customerId}/card", "POST /api/customers/{customerId}/visits",
                "DELETE /api/customers/{customerId}/personal-data");
        assertThat(document.at("/paths/~1api~1customers~1{customerId}~1personal-data/delete/x-roles/0").asString())
                .isEqualTo("ADMIN");
    }

    @Test
    void the_committed_document_the_client_is_generated_from_is_the_served_one() throws IOException {
        ObjectNode served = comparable(document);
        JsonNode committed = Files.exists(COMMITTED) ? comparable(JSON.readTree(Files.readString(COMMITTED))) : null;
        if (!served.equals(committed)) {
            Path fresh = Path.of("target", "openapi", "command-side.json");
            Files.createDirectories(fresh.getParent());
            ObjectNode written = (ObjectNode) document.deepCopy();
            written.remove("servers");
            Files.writeString(fresh, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(written));
            throw new AssertionError("The served OpenAPI document differs from " + COMMITTED + "; if the change is "
                    + "meant, cp command-side/" + fresh + " command-side/" + COMMITTED + " and rebuild the client");
        }
    }

    /** Without what changes from run to run: the random port of the server and the build's version. */
    private static ObjectNode comparable(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.remove("servers");
        ((ObjectNode) copy.get("info")).remove("version");
        return copy;
    }

    private boolean typedSchema(JsonNode schema) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            resolved = document.at("/components/schemas/" + schema.get("$ref").asString()
                    .substring("#/components/schemas/".length()));
        }
        return resolved.has("properties") && !resolved.get("properties").isEmpty();
    }
}
