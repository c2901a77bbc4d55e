package com.customerarchive.events.privacy;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event serializer: Axon's Jackson serializer, with every {@link com.customerarchive.events.PersonalData} field
 * of a customer event encrypted with that customer's key on the way into the store, and decrypted on the way out. Once the key
 * is gone a personal field reads as {@value PersonalDataCipher#ERASED} (in the field's shape), never an error.
 * Everything else (metadata, snapshots, other payloads) passes through unchanged.
 */
public final class EncryptingSerializer extends JacksonBackedSerializer {

    private final ObjectMapper json;
    private final CustomerKeys keys;
    private final boolean createsKeys;

    /** {@code createsKeys}: the writing side makes a customer's key with its first event; readers never do. */
    public EncryptingSerializer(JacksonSerializer delegate, CustomerKeys keys, boolean createsKeys) {
        super(delegate);
        this.json = delegate.getObjectMapper();
        this.keys = keys;
        this.createsKeys = createsKeys;
    }

    /** Over Axon's Jackson serializer with the given mapper and revisions from {@code @Revision}. */
    public static EncryptingSerializer overJackson(ObjectMapper json, CustomerKeys keys, boolean createsKeys) {
        return new EncryptingSerializer(JacksonSerializer.builder().objectMapper(json)
                .revisionResolver(new AnnotationRevisionResolver()).build(), keys, createsKeys);
    }

    /**
     * The last customer event this thread serialized, and its bytes: the store hashes an event's stored form and
     * then stores it, so each event is encrypted and written out once (events are immutable records).
     */
    private final ThreadLocal<Object[]> lastSerialized = new ThreadLocal<>();

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof CustomerEvent event)) {
            return delegate.serialize(object, expectedRepresentation);
        }
        Object[] last = lastSerialized.get();
        if (last != null && last[0] == object) {
            @SuppressWarnings("unchecked")
            SerializedObject<byte[]> bytes = (SerializedObject<byte[]>) last[1];
            return getConverter().convert(bytes, expectedRepresentation);
        }
        String customerId = event.customerId().value().toString();
        ObjectNode tree = json.valueToTree(object);
        // a key is looked up (and, writing, made) only when the event holds a personal value: an erasure event
        // must not make a new one; a reader without the key leaves the values as they are. A value of the card's
        // personal fields is sealed with that field's own key, so that the field can be destroyed alone.
        SecretKey[] key = new SecretKey[1];
        // The customer's own key exists from its first personal value on, whichever key seals that value: it seals
        // the customer's snapshots and personal values outside the card. The writer makes the fields' keys the event
        // needs in one go.
        Map<String, SecretKey> fieldKeys = new HashMap<>();
        if (createsKeys) {
            Set<String> fields = new LinkedHashSet<>();
            PersonalFields.walk(tree, object.getClass(), (path, cardField, value, type) -> {
                if (cardField != null) {
                    fields.add(cardField);
                }
                return value;
            });
            if (!fields.isEmpty()) {
                fieldKeys.putAll(keys.findOrCreateFields(customerId, fields));
            }
        }
        PersonalFields.walk(tree, object.getClass(), (path, cardField, value, type) -> {
            if (key[0] == null) {
                key[0] = createsKeys ? keys.findOrCreate(customerId) : keys.find(customerId).orElse(null);
            }
            if (cardField != null) {
                SecretKey fieldKey = createsKeys ? fieldKeys.get(cardField)
                        : keys.findField(customerId, cardField).orElse(null);
                return fieldKey == null ? value
                        : PersonalDataCipher.encryptField(json, fieldKey, customerId, cardField, path, value);
            }
            return key[0] == null ? value : PersonalDataCipher.encrypt(json, key[0], customerId, path, value);
        });
        try {
            SerializedObject<byte[]> bytes = new SimpleSerializedObject<>(json.writeValueAsBytes(tree), byte[].class,
                    typeForClass(object.getClass()));
            lastSerialized.set(new Object[]{object, bytes});
            return getConverter().convert(bytes, expectedRepresentation);
        } catch (IOException e) {
            throw new IllegalStateException("event not serializable", e);
        }
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (!CustomerEvent.class.isAssignableFrom(type)) {
            return delegate.deserialize(serializedObject);
        }
        @SuppressWarnings("unchecked")
        T event = (T) open(getConverter().convert(serializedObject, byte[].class).getData(), type).event();
        return event;
    }

    /** A stored customer event opened: the event, and its fields as JSON with personal values in clear. */
    public record Opened(CustomerEvent event, String json) {
    }

    /**
     * Reads a stored customer event of the given class; its JSON comes with it at no extra cost (the stored text
     * itself when nothing in it is encrypted), for readers that keep the event as JSON.
     */
    public Opened open(byte[] stored, Class<?> type) {
        try {
            if (!contains(stored, ENCRYPTED)) {
                // nothing encrypted in it (a grade change, a complaint step): the plain Jackson path
                CustomerEvent plain = (CustomerEvent) json.readValue(stored, type);
                if (plain instanceof PersonalDataErasedEvent erased) {
                    // whoever reads the erasure stops using the key it may still hold in memory
                    keys.evict(erased.customerId().value().toString());
                } else if (plain instanceof PersonalDataFieldDestroyedEvent destroyed) {
                    keys.evictField(destroyed.customerId().value().toString(), destroyed.field());
                }
                return new Opened(plain, new String(stored, StandardCharsets.UTF_8));
            }
            JsonNode tree = json.readTree(stored);
            String customerId = tree.path("customerId").asText();
            boolean[] unopenable = {false};
            PersonalFields.walk(tree, type, (path, value, valueType) -> {
                if (!PersonalDataCipher.isEncrypted(value)) {
                    return value;
                }
                // the customer's key, or the key of the card field the value belongs to, if it still exists
                Optional<String> field = PersonalDataCipher.fieldOf(value);
                Optional<SecretKey> sealing = field.isEmpty()
                        ? key(() -> keys.findToOpen(customerId), unopenable)
                        : key(() -> keys.findFieldToOpen(customerId, field.get(),
                                PersonalDataCipher.fingerprintOf(value)), unopenable);
                if (sealing.isEmpty()) {
                    return PersonalFields.placeholder(valueType,
                            unopenable[0] ? PersonalDataCipher.UNREADABLE : PersonalDataCipher.ERASED);
                }
                try {
                    return PersonalDataCipher.decrypt(json, sealing.get(), customerId, path, value);
                } catch (GeneralSecurityException altered) {
                    return PersonalFields.placeholder(valueType, PersonalDataCipher.UNREADABLE);
                }
            });
            CustomerEvent event = (CustomerEvent) json.treeToValue(tree, type);
            // written from the event, not the tree: a value the key no longer opens reads as the event's own shape
            return new Opened(event, json.writeValueAsString(event));
        } catch (IOException e) {
            throw new IllegalStateException("stored event not readable as " + type.getSimpleName(), e);
        }
    }

    private static final byte[] ENCRYPTED = ("\"" + PersonalDataCipher.ANY_PREFIX).getBytes(StandardCharsets.US_ASCII);

    /**
     * A key, or none; a key wrapped under another master key is unreadable here, but never a reason to stop
     * reading events ({@code unopenable} says so).
     */
    private static Optional<SecretKey> key(java.util.function.Supplier<Optional<SecretKey>> lookup, boolean[] unopenable) {
        try {
            return lookup.get();
        } catch (IllegalStateException wrongMasterKey) {
            unopenable[0] = true;
            return Optional.empty();
        }
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
