package com.customerarchive.events.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keys already in the key table keep opening: a key wrapped outside this code (Python's {@code cryptography},
 * AES-256-GCM, 12-byte nonce first, the key's id as associated data) opens, under its own id and master key only.
 */
class KeyWrappingTest {

    /** The bytes 0, 1, …, 31. */
    private static final String MASTER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String ID = "7f1c0de0-0000-4000-8000-000000000001/basic.email";
    /** Thirty-two bytes 0x42 wrapped under {@link #MASTER} for {@link #ID} with the nonce 100, 101, …, 111. */
    private static final String WRAPPED =
            "ZGVmZ2hpamtsbW5vClmcJDurFNx8IB2qmCcovwCAREjJLrEw5ZPuCrnh5wqsnsDLLaOUp5zYilroxWUH";

    private final KeyWrapping wrapping = new KeyWrapping(KeyWrapping.masterKey(MASTER));

    @Test
    void a_key_wrapped_elsewhere_opens_under_its_id_and_master_key_only() {
        byte[] wrapped = Base64.getDecoder().decode(WRAPPED);

        assertThat(wrapping.unwrap(ID, wrapped).getEncoded()).containsOnly(0x42).hasSize(32);
        assertThatThrownBy(() -> wrapping.unwrap("7f1c0de0-0000-4000-8000-000000000001/basic.name", wrapped))
                .hasMessageContaining("does not open");
        KeyWrapping otherMaster = new KeyWrapping(KeyWrapping.masterKey(
                "HxwdGhsYGRYXFBUSExAREA4PDA0KCwgJBgcEBQIDAAE="));
        assertThatThrownBy(() -> otherMaster.unwrap(ID, wrapped)).hasMessageContaining("does not open");
    }

    @Test
    void each_new_key_is_another_and_opens_under_its_id() {
        SecretKey first = wrapping.unwrap(ID, wrapping.newWrappedKey(ID));
        SecretKey second = wrapping.unwrap(ID, wrapping.newWrappedKey(ID));

        assertThat(first.getEncoded()).hasSize(32).isNotEqualTo(second.getEncoded());
    }

    @Test
    void a_key_derived_for_a_purpose_is_sha256_of_the_purpose_a_bar_and_the_master_key() {
        // sha256(b"checkpoint|" + bytes(range(32))), by Python's hashlib
        assertThat(HexFormat.of().formatHex(wrapping.derivedFromMaster("checkpoint")))
                .isEqualTo("af920debf46b0000441a7e524a679712e856a5035f51a276643d92a798c15e6e");
    }

    @Test
    void a_master_key_that_is_not_32_bytes_of_base64_is_refused_without_repeating_it() {
        assertThatThrownBy(() -> KeyWrapping.masterKey("not base64!")).hasMessage("the master key is not Base64");
        assertThatThrownBy(() -> KeyWrapping.masterKey("AAECAw=="))
                .hasMessageContaining("must be 32 bytes").hasMessageNotContaining("AAECAw");
    }
}
