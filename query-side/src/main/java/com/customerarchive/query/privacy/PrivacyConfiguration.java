package com.customerarchive.query.privacy;

import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.EncryptingSerializer;
import com.customerarchive.events.privacy.JdbcKeyTable;
import com.customerarchive.events.privacy.KeyWrapping;
import com.customerarchive.query.eventstore.EventStoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;

/**
 * Reading personal data: the event serializer decrypts every {@code @PersonalData} field with its customer's
 * key from command-side's key table (read-only here); a destroyed key reads as "[erased]". The master key is
 * the one command-side uses ({@code archive.privacy.master-key}, ARCHIVE_PRIVACY_MASTER_KEY).
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    @Bean
    KeyWrapping keyWrapping(@Value("${archive.privacy.master-key:}") String masterKey, Environment environment) {
        if (masterKey == null || masterKey.isBlank()) {
            throw new IllegalStateException("Set archive.privacy.master-key (ARCHIVE_PRIVACY_MASTER_KEY) to command-side's "
                    + "master key" + (environment.acceptsProfiles(Profiles.of("prod")) ? "" : "; ./run.sh keeps one in .data/master.key"));
        }
        return new KeyWrapping(KeyWrapping.masterKey(masterKey));
    }

    @Bean
    CustomerKeys customerKeys(DataSource dataSource, EventStoreProperties store, KeyWrapping wrapping) {
        return new CustomerKeys(new JdbcKeyTable(new TransactionAwareDataSourceProxy(dataSource), store.schema()),
                wrapping);
    }

    @Bean
    RedactionRegistry redactionRegistry() {
        return RedactionRegistry.EVENTS;
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper json, CustomerKeys keys) {
        return EncryptingSerializer.overJackson(json, keys, false);
    }
}
