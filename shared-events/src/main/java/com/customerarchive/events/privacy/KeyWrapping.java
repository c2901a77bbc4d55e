package com.customerarchive.events.privacy;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The master key's work: customers' data keys (AES-256) are made here and stored wrapped by the master key
 * (AES-GCM, the key's id as associated data, so a wrapped key opens only under the id it was made for); keys of
 * one use are derived from it. The master key never leaves this class.
 */
public final class KeyWrapping {

    private static final int NONCE_BYTES = 12;

    private final SecretKey master;
    private final SecureRandom random = new SecureRandom();

    public KeyWrapping(SecretKey master) {
        this.master = master;
    }

    /** A master key from its Base64 text (32 bytes); the message never repeats the value. */
    public static SecretKey masterKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key is not Base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("the master key must be 32 bytes (Base64 of 32 random bytes), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** A new data key for {@code id}, wrapped: what the key table stores (the key is used as the table returns it). */
    public byte[] newWrappedKey(String id) {
        return wrap(id, newKey());
    }

    private SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no key could be made", e);
        }
    }

    /** The key sealed by the master key, bound to {@code id}. */
    byte[] wrap(String id, SecretKey key) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(key.getEncoded());
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a key could not be wrapped", e);
        }
    }

    /** A key from the key table, opened; fails if another master key wrapped it or it was wrapped for another id. */
    public SecretKey unwrap(String id, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, wrapped, 0, NONCE_BYTES));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] key = cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
            SecretKey unwrapped = new SecretKeySpec(key, "AES");
            Arrays.fill(key, (byte) 0);
            return unwrapped;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a customer key does not open with the configured master key", e);
        }
    }

    /** A key of its own for {@code purpose}, derived from the master key. */
    public byte[] derivedFromMaster(String purpose) {
        return derive(purpose, master.getEncoded());
    }

    /** SHA-256 of {@code purpose|key}: a key for one use, derived from another. */
    public static byte[] derive(String purpose, byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((purpose + "|").getBytes(StandardCharsets.UTF_8));
            return digest.digest(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
