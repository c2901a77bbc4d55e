package com.customerarchive.command.duplicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed digests (HMAC-SHA256) of identity keys: equal keys give equal digests, while the table of digests says nothing
 * of the phones, numbers and names behind them to whoever lacks the archive's master key.
 */
public final class KeyDigests {

    private final SecretKeySpec key;

    public KeyDigests(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String digest(IdentityKeys.Key identityKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] text = (identityKey.kind().name() + ":" + identityKey.text()).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(text));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HMAC-SHA256", e);
        }
    }
}
