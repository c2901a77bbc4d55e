package com.customerarchive.command.privacy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master key that wraps every customer's key: required under prod, a throwaway one only in development. */
class MasterKeyTest {

    @Test
    void under_prod_a_missing_master_key_stops_the_start() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");
        assertThatThrownBy(() -> PrivacyConfiguration.masterKey("", production))
                .hasMessageContaining("ARCHIVE_PRIVACY_MASTER_KEY");
    }

    @Test
    void a_configured_key_is_used_and_in_development_a_missing_one_is_made_for_this_process() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        assertThat(PrivacyConfiguration.masterKey(Base64.getEncoder().encodeToString(key), new MockEnvironment())
                .getEncoded()).isEqualTo(key);
        assertThat(PrivacyConfiguration.masterKey("", new MockEnvironment()).getEncoded()).hasSize(32);
    }
}
