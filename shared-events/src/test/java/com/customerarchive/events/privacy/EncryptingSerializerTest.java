package com.customerarchive.events.privacy;

import com.customerarchive.events.Address;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal fields leave the serializer encrypted, come back in clear, and read "[erased]" once the key is gone. */
class EncryptingSerializerTest {

    private final Map<String, byte[]> table = new ConcurrentHashMap<>();
    private final CustomerKeys keys = new CustomerKeys(new CustomerKeys.KeyTable() {
        @Override
        public Optional<byte[]> find(String customerId) {
            return Optional.ofNullable(table.get(customerId));
        }

        @Override
        public byte[] insertIfAbsent(String customerId, byte[] wrapped) {
            return table.computeIfAbsent(customerId, id -> wrapped);
        }
    }, new KeyWrapping(KeyWrapping.masterKey(randomKey())));
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final EncryptingSerializer serializer = EncryptingSerializer.overJackson(json, keys, true);

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private CustomerRegisteredEvent registration(UUID id) {
        BasicSection basic = new BasicSection("Li Wei", null, null, null, null, null,
                new Address("Zhejiang", "Hangzhou", null, "8 West Lake Road", null), List.of("+86 571 1234 5678"),
                "li.wei@example.com", null, null, null, null, null, null, null, null, null, null, null, null, null);
        return new CustomerRegisteredEvent(new CustomerId(id), CustomerKind.INDIVIDUAL, CustomerNature.INDIVIDUAL,
                CustomerTier.KEY, InformationSource.WEBSITE, Grade.B, "rep-1",
                new ProfileCard(basic, null, null, null, null));
    }

    @Test
    void personal_fields_are_stored_encrypted_the_same_way_each_time_and_read_back_in_clear() {
        UUID id = UUID.randomUUID();
        CustomerRegisteredEvent event = registration(id);

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        String text = new String(stored.getData(), StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("Li Wei", "1234", "li.wei", "West Lake", "Hangzhou")
                .contains("\"grade\":\"B\"", "\"ownerId\":\"rep-1\"", PersonalDataCipher.FIELD_PREFIX + "basic.email:");
        assertThat(serializer.serialize(event, byte[].class).getData()).isEqualTo(stored.getData());
        CustomerRegisteredEvent read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void without_its_key_every_personal_field_reads_erased_in_its_shape_and_the_rest_is_intact() {
        UUID id = UUID.randomUUID();
        SerializedObject<byte[]> stored = serializer.serialize(registration(id), byte[].class);
        // the erasure: the customer's key and its fields' keys
        table.keySet().removeIf(key -> key.startsWith(id.toString()));
        keys.evict(id.toString());

        CustomerRegisteredEvent read = serializer.deserialize(stored);

        assertThat(read.card().basic().name()).isEqualTo("[erased]");
        assertThat(read.card().basic().phones()).containsExactly("[erased]");
        assertThat(read.card().basic().address()).isEqualTo(new Address("[erased]", "[erased]", null, "[erased]", null));
        assertThat(read.grade()).isEqualTo(Grade.B);
        assertThat(read.ownerId()).isEqualTo("rep-1");
    }

    @Test
    void one_field_destroyed_reads_erased_in_every_value_it_had_and_a_value_written_after_reads_again() {
        UUID id = UUID.randomUUID();
        SerializedObject<byte[]> first = serializer.serialize(registration(id), byte[].class);
        assertThat(table).containsKeys(id + "/basic.email", id + "/basic.name", id + "/basic.address", id + "/basic.phones");

        table.remove(CustomerKeys.fieldKeyId(id.toString(), "basic.email"));
        keys.evictField(id.toString(), "basic.email");
        CustomerRegisteredEvent read = serializer.deserialize(first);
        assertThat(read.card().basic().email()).isEqualTo("[erased]");
        assertThat(read.card().basic().name()).isEqualTo("Li Wei");
        assertThat(read.card().basic().address().street()).isEqualTo("8 West Lake Road");

        // a new value gets a new key; the old one's values stay unreadable under it
        CustomerRegisteredEvent again = registration(id);
        SerializedObject<byte[]> second = serializer.serialize(again, byte[].class);
        assertThat(table).containsKey(id + "/basic.email");
        assertThat(((CustomerRegisteredEvent) serializer.deserialize(second)).card().basic().email())
                .isEqualTo("li.wei@example.com");
        assertThat(((CustomerRegisteredEvent) serializer.deserialize(first)).card().basic().email()).isEqualTo("[erased]");
    }

    @Test
    void a_canonical_form_ignores_key_order_and_whitespace() throws Exception {
        var one = json.readTree("{\"b\": [1, {\"y\": 2, \"x\": 1}], \"a\": \"text\"}");
        var other = json.readTree("{\"a\":\"text\",\"b\":[1,{\"x\":1,\"y\":2}]}");
        assertThat(EventHash.canonical(one)).isEqualTo(EventHash.canonical(other))
                .isEqualTo("{\"a\":\"text\",\"b\":[1,{\"x\":1,\"y\":2}]}");
    }
}
