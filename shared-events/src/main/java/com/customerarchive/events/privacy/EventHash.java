package com.customerarchive.events.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A customer's hash chain: each stored event's hash is SHA-256 over the canonical JSON of its identity
 * (customer, sequence, event id, type, revision, recorded time), its stored payload (ciphertext included, so
 * erasure keeps the chain), its metadata without the hash, and the previous event's hash ("" for the first).
 * Canonical: object keys sorted at every level, no whitespace, so field order and formatting do not count.
 */
public final class EventHash {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventHash() {
    }

    public record Link(String customerId, long sequence, String eventId, String payloadType, String revision,
                       String recordedAt, JsonNode payload, JsonNode metaData, String previous) {
    }

    public static String of(Link link) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("customerId", link.customerId());
        content.put("sequence", link.sequence());
        content.put("eventId", link.eventId());
        content.put("type", link.payloadType());
        content.put("revision", link.revision());
        content.put("recordedAt", link.recordedAt());
        content.set("payload", link.payload());
        JsonNode metaData = link.metaData() == null ? JsonNodeFactory.instance.objectNode() : link.metaData().deepCopy();
        if (metaData instanceof ObjectNode object) {
            object.remove("hash");
        }
        content.set("metaData", metaData);
        content.put("previous", link.previous() == null ? "" : link.previous());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored JSON (a payload or metadata) as the chain reads it. */
    public static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON not readable", e);
        }
    }

    /** The JSON with keys sorted at every level and no whitespace. */
    public static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                object.set(name, sorted(node.get(name)));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(sorted(element)));
            return array;
        }
        return node;
    }
}
