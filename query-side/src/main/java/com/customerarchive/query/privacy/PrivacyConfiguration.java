package com.customerarchive.query.privacy;

import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.EncryptingSerializer;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.customerarchive.query.core.SqlArrays;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reading personal data: the event serializer decrypts every {@code @PersonalData} field with its customer's
 * key from command-side's key table (read-only here); a destroyed key reads as "[erased]". The master key is
 * the one command-side uses ({@code archive.privacy.master-key}, ARCHIVE_PRIVACY_MASTER_KEY).
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    CustomerKeys customerKeys(JdbcClient jdbc, EventStoreProperties store,
                              @Value("${archive.privacy.master-key:}") String masterKey, Environment environment) {
        if (masterKey == null || masterKey.isBlank()) {
            throw new IllegalStateException("Set archive.privacy.master-key (ARCHIVE_PRIVACY_MASTER_KEY) to command-side's "
                    + "master key" + (environment.acceptsProfiles(Profiles.of("prod")) ? "" : "; ./run.sh keeps one in .data/master.key"));
        }
        String table = store.schema() + ".customer_key";
        String fieldTable = store.schema() + ".customer_field_key";
        return new CustomerKeys(new CustomerKeys.KeyTable() {
            @Override
            public Optional<byte[]> find(String customerId) {
                return jdbc.sql("SELECT wrapped_key FROM " + table + " WHERE customer_id = :id").param("id", customerId)
                        .query(byte[].class).optional();
            }

            @Override
            public Map<String, byte[]> findAll(Collection<String> customerIds) {
                Map<String, byte[]> found = new HashMap<>();
                jdbc.sql("SELECT customer_id, wrapped_key FROM " + table + " WHERE customer_id = ANY(:ids)")
                        .param("ids", SqlArrays.texts(customerIds))
                        .query((row, n) -> found.put(row.getString(1), row.getBytes(2))).list();
                return found;
            }

            @Override
            public Optional<byte[]> findField(String customerId, String field) {
                return jdbc.sql("SELECT wrapped_key FROM " + fieldTable + " WHERE customer_id = :id AND field = :field")
                        .param("id", customerId).param("field", field).query(byte[].class).optional();
            }

            @Override
            public Map<String, byte[]> findAllFields(Collection<String> customerIds) {
                Map<String, byte[]> found = new HashMap<>();
                jdbc.sql("SELECT customer_id, field, wrapped_key FROM " + fieldTable + " WHERE customer_id = ANY(:ids)")
                        .param("ids", SqlArrays.texts(customerIds))
                        .query((row, n) -> found.put(CustomerKeys.fieldKeyId(row.getString(1), row.getString(2)),
                                row.getBytes(3))).list();
                return found;
            }

            @Override
            public byte[] insertIfAbsent(String customerId, byte[] wrapped) {
                throw new UnsupportedOperationException("query-side never makes customer keys");
            }
        }, CustomerKeys.masterKey(masterKey));
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper json, CustomerKeys keys) {
        return EncryptingSerializer.overJackson(json, keys, false);
    }
}
