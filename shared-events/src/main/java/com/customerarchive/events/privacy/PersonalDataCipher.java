package com.customerarchive.events.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Base64;

/**
 * AES-256-GCM of one personal value (its JSON) with its customer's key; the customer id and the field's path
 * are authenticated with it, so a value cannot be moved to another customer or field. The nonce is derived
 * from the key, the path and the value (synthetic IV): the same value in the same field encrypts the same
 * way, so an event serializes to the same bytes every time and its hash can be computed before it is stored.
 * The price, equal values of one customer's field are recognisable as equal, stays within that customer.
 */
public final class PersonalDataCipher {

    /** What a stored encrypted value starts with: under the customer's key, */
    public static final String PREFIX = "enc:v1:";
    /**
     * or under one card field's key: {@code enc:f1:<field>:<key fingerprint>:<sealed>}; the fingerprint tells a
     * value of a destroyed key from one of the key made after it.
     */
    public static final String FIELD_PREFIX = "enc:f1:";
    /** What every encrypted value starts with, as stored JSON text. */
    public static final String ANY_PREFIX = "enc:";
    /** What a personal value reads as once its customer's key is destroyed. */
    public static final String ERASED = "[erased]";
    /** What a personal value reads as when its ciphertext does not authenticate (altered in the store). */
    public static final String UNREADABLE = "[unreadable]";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A cipher and a MAC per thread, initialised per value: looking them up costs more than using them. */
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    private PersonalDataCipher() {
    }

    public static boolean isEncrypted(JsonNode value) {
        return value != null && value.isTextual()
                && (value.textValue().startsWith(PREFIX) || value.textValue().startsWith(FIELD_PREFIX));
    }

    /** The card field whose key sealed the value, if a field key did. */
    public static java.util.Optional<String> fieldOf(JsonNode value) {
        if (value == null || !value.isTextual() || !value.textValue().startsWith(FIELD_PREFIX)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(fieldParts(value.textValue())[0]);
    }

    /** The fingerprint of the field key that sealed the value (a value sealed with a field key). */
    public static String fingerprintOf(JsonNode value) {
        return fieldParts(value.textValue())[1];
    }

    /** A value sealed with a field key, {@code enc:f1:<field>:<fingerprint>:<sealed>}, as its three parts. */
    private static String[] fieldParts(String text) {
        String[] parts = text.substring(FIELD_PREFIX.length()).split(":", 3);
        return parts.length == 3 ? parts : new String[]{parts[0], "", ""};
    }

    /** {@link #encrypt} under a card field's key, the field and the key's fingerprint written before it. */
    public static JsonNode encryptField(ObjectMapper json, SecretKey key, String customerId, String field, String path,
                                        JsonNode value) {
        if (isEncrypted(value)) {
            return value;
        }
        String sealed = encrypt(json, key, customerId, path, value).textValue().substring(PREFIX.length());
        return TextNode.valueOf(FIELD_PREFIX + field + ":" + fingerprint(key) + ":" + sealed);
    }

    /** Eight hex digits that name a key without revealing it. */
    static String fingerprint(SecretKey key) {
        byte[] digest = KeyWrapping.derive("fingerprint", key.getEncoded());
        return java.util.HexFormat.of().formatHex(digest, 0, 4);
    }

    public static JsonNode encrypt(ObjectMapper json, SecretKey key, String customerId, String path, JsonNode value) {
        if (isEncrypted(value)) {
            return value;
        }
        try {
            byte[] plain = json.writeValueAsBytes(value);
            byte[] nonce = Arrays.copyOf(mac(key, path, plain), NONCE_BYTES);
            Cipher cipher = AES_GCM.get();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            } catch (InvalidAlgorithmParameterException sameNonceAsLastTime) {
                // the same value in the same field: GCM refuses to reuse a nonce on one instance, so take another
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                AES_GCM.set(cipher);
            }
            cipher.updateAAD(aad(customerId, path));
            byte[] sealed = cipher.doFinal(plain);
            byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return TextNode.valueOf(PREFIX + Base64.getEncoder().withoutPadding().encodeToString(stored));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("personal value could not be encrypted", e);
        }
    }

    /** The clear value; a value stored in clear (before encryption existed) is returned as it is. */
    public static JsonNode decrypt(ObjectMapper json, SecretKey key, String customerId, String path, JsonNode value)
            throws GeneralSecurityException {
        if (!isEncrypted(value)) {
            return value;
        }
        String text = value.textValue();
        String sealed = text.startsWith(FIELD_PREFIX) ? fieldParts(text)[2] : text.substring(PREFIX.length());
        byte[] stored = Base64.getDecoder().decode(sealed);
        Cipher cipher = AES_GCM.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
        cipher.updateAAD(aad(customerId, path));
        byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        try {
            return json.readTree(plain);
        } catch (IOException e) {
            throw new GeneralSecurityException("decrypted personal value is not JSON", e);
        }
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM and HMAC-SHA256 are part of every JDK", e);
        }
    }

    private static byte[] aad(String customerId, String path) {
        return (customerId + "|" + path).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mac(SecretKey key, String path, byte[] plain) throws GeneralSecurityException {
        // a nonce key of its own, derived from the data key
        byte[] nonceKey = KeyWrapping.derive("nonce", key.getEncoded());
        Mac mac = HMAC.get();
        mac.init(new SecretKeySpec(nonceKey, "HmacSHA256"));
        mac.update(path.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(plain);
    }
}
