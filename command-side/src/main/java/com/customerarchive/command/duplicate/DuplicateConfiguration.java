package com.customerarchive.command.duplicate;

import com.customerarchive.events.privacy.KeyWrapping;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.security.SecureRandom;

/**
 * The digests' key is derived from the archive's master key ({@code archive.privacy.master-key}), so every command-side
 * of the archive computes the same digests and nobody without the master key can test a phone against the table.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DuplicateProperties.class)
class DuplicateConfiguration {

    @Bean
    KeyDigests duplicateKeyDigests(@Value("${archive.privacy.master-key:}") String masterKey, Environment environment) {
        if (masterKey != null && !masterKey.isBlank()) {
            return new KeyDigests(new KeyWrapping(KeyWrapping.masterKey(masterKey)).derivedFromMaster("duplicate-keys"));
        }
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("Under the prod profile set archive.privacy.master-key (ARCHIVE_PRIVACY_MASTER_KEY)");
        }
        // like the personal data of a process without a master key: its keys mean nothing after a restart
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new KeyDigests(key);
    }
}
