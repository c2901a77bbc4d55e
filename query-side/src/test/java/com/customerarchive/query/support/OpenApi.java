package com.customerarchive.query.support;

import com.customerarchive.testsupport.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app's OpenAPI document ({@code /v3/api-docs}) read as a client developer reads it: its operations, their
 * parameters and request bodies, and for a schema a value it accepts. Tests walk it so that an operation added later is
 * tried without the test being told.
 */
public final class OpenApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;

    private OpenApi(JsonNode document) {
        this.document = document;
    }

    /** The document the app serves, read anonymously as anyone may. */
    public static OpenApi servedBy(Api app) {
        Api.Response answer = app.get("/v3/api-docs", null);
        assertThat(answer.status()).as("the OpenAPI document").isEqualTo(200);
        return new OpenApi(answer.json());
    }

    /** One operation: {@code GET /api/profiles/{customerId}} and what the document says of it. */
    public record Operation(String method, String path, JsonNode spec) {

        public String name() {
            return method + " " + path;
        }

        /** The names of its parameters that go {@code in} the path, the query or a header. */
        public List<String> parameters(String in) {
            return spec.path("parameters").valueStream().filter(parameter -> parameter.path("in").asString().equals(in))
                    .map(parameter -> parameter.get("name").asString()).toList();
        }

        /** Its required query parameters with their schemas. */
        public List<JsonNode> requiredQueryParameters() {
            return spec.path("parameters").valueStream().filter(parameter -> parameter.path("in").asString()
                    .equals("query") && parameter.path("required").asBoolean(false)).toList();
        }

        public boolean takesBody() {
            return spec.has("requestBody");
        }

        /** The schema of its JSON request body (missing when it takes none). */
        public JsonNode bodySchema() {
            return spec.at("/requestBody/content/application~1json/schema");
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
            }
        }
        return operations;
    }

    /** The schema a {@code $ref} names, or the schema itself. */
    public JsonNode resolved(JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
        return document.path("components").path("schemas").path(name);
    }

    /**
     * A value the schema accepts: its required properties and its optional free text (a reason, notes: what a user
     * types), an enum's first value, a fixed value per format (a date ahead of any test's today, an instant behind
     * it), the least number it allows.
     */
    public JsonNode example(JsonNode schema) {
        JsonNode resolved = resolved(schema);
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0);
        }
        if (resolved.has("allOf") || resolved.has("oneOf") || resolved.has("anyOf")) {
            JsonNode first = resolved.has("allOf") ? resolved.get("allOf") : resolved.has("oneOf")
                    ? resolved.get("oneOf") : resolved.get("anyOf");
            return example(first.get(0));
        }
        String type = resolved.path("type").asString(resolved.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = resolved.path("required").valueStream().map(JsonNode::asString)
                        .collect(Collectors.toSet());
                for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                    if (required.contains(property.getKey()) || freeText(property.getValue())) {
                        object.set(property.getKey(), example(property.getValue()));
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(resolved.path("items")));
                yield array;
            }
            case "boolean" -> NODES.booleanNode(true);
            case "integer", "number" -> NODES.numberNode(resolved.has("minimum") ? resolved.get("minimum").asLong() : 1);
            default -> NODES.stringNode(switch (resolved.path("format").asString("")) {
                case "uuid" -> "00000000-0000-4000-8000-000000000001";
                case "date" -> "2099-12-31";
                case "date-time" -> "2020-01-01T00:00:00Z";
                default -> "x";
            });
        };
    }

    private static boolean freeText(JsonNode schema) {
        return schema.path("type").asString("").equals("string") && !schema.has("format") && !schema.has("enum")
                && !schema.has("pattern");
    }
}
