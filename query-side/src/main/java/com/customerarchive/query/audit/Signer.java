package com.customerarchive.query.audit;

import com.customerarchive.events.privacy.EventHash;
import com.customerarchive.events.privacy.KeyWrapping;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Signs what the archive vouches for (the audit checkpoint, a frozen report): HMAC-SHA256 over the canonical JSON
 * (keys sorted, no whitespace), with the checkpoint key — one of its own when configured
 * ({@code archive.audit.checkpoint-key}), else one derived from the master key (never the master key itself).
 */
@Component
public class Signer {

    /** How a signature is made, in words, for whoever checks it. */
    public static final String HOW = "HMAC-SHA256 over the canonical JSON (keys sorted, no whitespace)";

    private final byte[] key;

    Signer(KeyWrapping wrapping, @Value("${archive.audit.checkpoint-key:}") String checkpointKey) {
        this.key = !checkpointKey.isBlank() ? checkpointKey.getBytes(StandardCharsets.UTF_8)
                : wrapping.derivedFromMaster("checkpoint");
    }

    /** The signature of {@code signed}, in hex. */
    public String sign(JsonNode signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(EventHash.canonical(signed).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code signature} is the signature of {@code signed} (compared in constant time). */
    public boolean verifies(JsonNode signed, String signature) {
        return MessageDigest.isEqual(sign(signed).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
