package com.customerarchive.events.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * The snapshot serializer: a customer's snapshot holds its whole card in clear, so it is stored sealed with that
 * customer's key ({@code {"customerId": …, "sealed": "enc:v1:…"}}, the customer id authenticated with it). Once the
 * key is destroyed no snapshot of the customer opens; reading one then fails, and the store's snapshot filter
 * ({@link #opens}) lets the customer load from its events instead. Snapshots of anything else, and snapshots
 * stored before sealing existed, pass through Jackson as they are.
 */
public final class SealingSnapshotSerializer extends JacksonBackedSerializer {

    private static final String PATH = "$snapshot";

    private final ObjectMapper json;
    private final CustomerKeys keys;

    public SealingSnapshotSerializer(ObjectMapper json, CustomerKeys keys) {
        super(JacksonSerializer.builder().objectMapper(json).revisionResolver(new AnnotationRevisionResolver()).build());
        this.json = json;
        this.keys = keys;
    }

    /** An aggregate whose JSON names a {@code customerId} is that customer's, and sealed with its key. */
    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        JsonNode tree = object == null ? null : json.valueToTree(object);
        JsonNode id = tree == null ? null : tree.get("customerId");
        if (id == null || !id.isTextual()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        String customerId = id.textValue();
        SecretKey key = keys.find(customerId).orElseThrow(() -> new IllegalStateException(
                "customer " + customerId + " has no key (erased): no snapshot of it is taken"));
        try {
            String plain = json.writeValueAsString(tree);
            ObjectNode stored = json.createObjectNode();
            stored.put("customerId", customerId);
            stored.set("sealed", PersonalDataCipher.encrypt(json, key, customerId, PATH, TextNode.valueOf(plain)));
            SerializedObject<byte[]> bytes = new SimpleSerializedObject<>(json.writeValueAsBytes(stored), byte[].class,
                    typeForClass(object.getClass()));
            return getConverter().convert(bytes, expectedRepresentation);
        } catch (IOException e) {
            throw new IllegalStateException("snapshot not serializable", e);
        }
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        byte[] stored = getConverter().convert(serializedObject, byte[].class).getData();
        try {
            JsonNode node = json.readTree(stored);
            if (!node.has("sealed")) {
                return delegate.deserialize(serializedObject);
            }
            String customerId = node.path("customerId").asText();
            SecretKey key = keys.find(customerId).orElseThrow(() -> new IllegalStateException(
                    "the snapshot of customer " + customerId + " no longer opens: its key is destroyed"));
            JsonNode plain = PersonalDataCipher.decrypt(json, key, customerId, PATH, node.get("sealed"));
            return delegate.deserialize(new SimpleSerializedObject<>(plain.textValue().getBytes(StandardCharsets.UTF_8),
                    byte[].class, serializedObject.getType()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("snapshot of " + serializedObject.getType().getName() + " not readable", e);
        }
    }

    /** Whether a stored snapshot of this customer can still be opened (its key exists). */
    public boolean opens(String customerId) {
        return keys.find(customerId).isPresent();
    }
}
