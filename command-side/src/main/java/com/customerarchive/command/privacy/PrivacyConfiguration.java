package com.customerarchive.command.privacy;

import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.EncryptingSerializer;
import com.customerarchive.events.privacy.JdbcKeyTable;
import com.customerarchive.events.privacy.KeyWrapping;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.security.NoSuchAlgorithmException;

/**
 * Personal data is encrypted where events are serialized: the event serializer encrypts every
 * {@code @PersonalData} field with its customer's key, which it makes with the customer's first event and stores in
 * the key table ({@code event_store.customer_key}) in that event's transaction.
 * The master key comes from {@code archive.privacy.master-key} (ARCHIVE_PRIVACY_MASTER_KEY), required under
 * {@code prod}; elsewhere a missing one is replaced by a random key for this process only.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    @Bean
    JdbcKeyTable customerKeyTable(DataSource dataSource) {
        // the key is written in the transaction of the customer's first event, and destroyed in the erasure's
        return new JdbcKeyTable(new TransactionAwareDataSourceProxy(dataSource), "event_store");
    }

    @Bean
    CustomerKeys customerKeys(JdbcKeyTable table, @Value("${archive.privacy.master-key:}") String masterKey,
                              Environment environment) throws NoSuchAlgorithmException {
        return new CustomerKeys(table, new KeyWrapping(masterKey(masterKey, environment)));
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper json, CustomerKeys keys) {
        return EncryptingSerializer.overJackson(json, keys, true);
    }

    static SecretKey masterKey(String configured, Environment environment) throws NoSuchAlgorithmException {
        if (configured != null && !configured.isBlank()) {
            return KeyWrapping.masterKey(configured);
        }
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("Under the prod profile set archive.privacy.master-key "
                    + "(ARCHIVE_PRIVACY_MASTER_KEY): Base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        log.warn("No archive.privacy.master-key: personal data is encrypted with a key of this process only and "
                + "is unreadable after a restart. ./run.sh keeps one in .data/master.key.");
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }
}
