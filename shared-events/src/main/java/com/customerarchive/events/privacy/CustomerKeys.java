package com.customerarchive.events.privacy;

import com.customerarchive.events.card.CardFields;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Each customer's data keys, opened: read from the key table and opened by {@link KeyWrapping} (or made and stored
 * on first use), kept in memory for at most {@value #CACHE_MILLIS} ms. Destroying the stored key is the erasure;
 * {@link #evict} drops the copy in memory at once.
 */
public final class CustomerKeys {

    /** Where the wrapped keys live: each app reads and writes it inside its own transactions. */
    public interface KeyTable {
        Optional<byte[]> find(String customerId);

        /** Stores the key unless one exists; returns the one stored. */
        byte[] insertIfAbsent(String customerId, byte[] wrapped);

        /** The stored keys of those customers that have one; a table may answer in one query. */
        default Map<String, byte[]> findAll(Collection<String> customerIds) {
            Map<String, byte[]> found = new HashMap<>();
            customerIds.forEach(id -> find(id).ifPresent(wrapped -> found.put(id, wrapped)));
            return found;
        }

        /** The key of one personal field of the customer's card (a table of its own may keep them). */
        default Optional<byte[]> findField(String customerId, String field) {
            return find(fieldKeyId(customerId, field));
        }

        default byte[] insertFieldIfAbsent(String customerId, String field, byte[] wrapped) {
            return insertIfAbsent(fieldKeyId(customerId, field), wrapped);
        }

        /**
         * Stores the keys of several fields of a customer, each unless one exists; returns the keys stored for those
         * fields (by field name). A table may do it in one statement.
         */
        default Map<String, byte[]> insertFieldsIfAbsent(String customerId, Map<String, byte[]> wrappedByField) {
            Map<String, byte[]> stored = new HashMap<>();
            wrappedByField.forEach((field, wrapped) -> stored.put(field, insertFieldIfAbsent(customerId, field, wrapped)));
            return stored;
        }

        /** The stored field keys of these customers, by {@link #fieldKeyId}; a table may answer in one query. */
        default Map<String, byte[]> findAllFields(Collection<String> customerIds) {
            Map<String, byte[]> found = new HashMap<>();
            for (String id : customerIds) {
                for (String field : CardFields.personalFields()) {
                    findField(id, field).ifPresent(wrapped -> found.put(fieldKeyId(id, field), wrapped));
                }
            }
            return found;
        }
    }

    /** How a field key is named beside the customers' keys: in the cache, and as the wrapped key's associated data. */
    public static String fieldKeyId(String customerId, String field) {
        return customerId + "/" + field;
    }

    private static final long CACHE_MILLIS = 60_000;

    private final KeyTable table;
    private final KeyWrapping wrapping;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * A key, or its absence (a key-less or erased customer), known until {@code until}; with the fingerprints of the
     * keys found destroyed ({@code gone}: values sealed with them read "[erased]" without asking the table again).
     */
    private record Cached(SecretKey key, long until, String fingerprint, Set<String> gone) {

        Cached(SecretKey key, long until, Set<String> gone) {
            this(key, until, key == null ? null : PersonalDataCipher.fingerprint(key), gone);
        }
    }

    /** What stands for "any key" where a value does not name its key (values under the customer's key). */
    private static final String ANY = "*";

    public CustomerKeys(KeyTable table, KeyWrapping wrapping) {
        this.table = table;
        this.wrapping = wrapping;
    }

    /** The customer's key, if it has one (none yet, or erased). */
    public Optional<SecretKey> find(String customerId) {
        return lookup(customerId, () -> table.find(customerId));
    }

    /** The key of one personal field of the customer's card, if it has one (none yet, or destroyed). */
    public Optional<SecretKey> findField(String customerId, String field) {
        return lookup(fieldKeyId(customerId, field), () -> table.findField(customerId, field));
    }

    /** The customer's key, made and stored on first use. */
    public SecretKey findOrCreate(String customerId) {
        return findOrCreate(customerId, wrapped -> table.insertIfAbsent(customerId, wrapped));
    }

    /** The field's key, made and stored on first use (and after the field was destroyed, a new one). */
    public SecretKey findOrCreateField(String customerId, String field) {
        return findOrCreate(fieldKeyId(customerId, field), wrapped -> table.insertFieldIfAbsent(customerId, field, wrapped));
    }

    /**
     * The keys of several fields of a customer, each made and stored on first use: the writer of an event with
     * values in several fields (a registration) reads and makes them in one look-up and one insert.
     */
    public Map<String, SecretKey> findOrCreateFields(String customerId, Collection<String> fields) {
        Map<String, SecretKey> found = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (String field : fields) {
            Cached cached = cache.get(fieldKeyId(customerId, field));
            if (cached != null && cached.key() != null && cached.until() > now) {
                found.put(field, cached.key());
            } else {
                unknown.add(field);
            }
        }
        if (unknown.isEmpty()) {
            return found;
        }
        // a key made for each, stored where none is: the table answers the stored ones, made now or before
        Map<String, byte[]> toMake = new HashMap<>();
        for (String field : unknown) {
            toMake.put(field, wrapping.newWrappedKey(fieldKeyId(customerId, field)));
        }
        table.insertFieldsIfAbsent(customerId, toMake).forEach((field, wrapped) ->
                found.put(field, opened(fieldKeyId(customerId, field), wrapped)));
        return found;
    }

    private SecretKey opened(String id, byte[] wrapped) {
        SecretKey key = wrapping.unwrap(id, wrapped);
        remember(id, key);
        return key;
    }

    /**
     * The customer's key to open a value stored with it: an absence remembered is not trusted until the table has
     * confirmed it for a stored value (the key may have been made after it was first looked for).
     */
    public Optional<SecretKey> findToOpen(String customerId) {
        return toOpen(customerId, ANY, () -> table.find(customerId));
    }

    /**
     * The key of a personal field to open a value sealed with the key of fingerprint {@code sealedBy}: none when
     * that key is destroyed, even if the field has a new key since.
     */
    public Optional<SecretKey> findFieldToOpen(String customerId, String field, String sealedBy) {
        return toOpen(fieldKeyId(customerId, field), sealedBy, () -> table.findField(customerId, field));
    }

    private Optional<SecretKey> toOpen(String id, String sealedBy, Supplier<Optional<byte[]>> stored) {
        long now = System.currentTimeMillis();
        Cached cached = cache.get(id);
        boolean fresh = cached != null && cached.until() > now;
        if (fresh && cached.key() != null && (ANY.equals(sealedBy) || sealedBy.equals(cached.fingerprint()))) {
            return Optional.of(cached.key());
        }
        if (fresh && cached.gone().contains(sealedBy)) {
            return Optional.empty();
        }
        // a key made since it was looked for, or the value's key destroyed since: the table says which
        Optional<SecretKey> key = stored.get().map(wrapped -> wrapping.unwrap(id, wrapped));
        boolean opens = key.isPresent()
                && (ANY.equals(sealedBy) || sealedBy.equals(PersonalDataCipher.fingerprint(key.get())));
        Set<String> gone = new HashSet<>(fresh ? cached.gone() : Set.of());
        if (!opens) {
            gone.add(sealedBy);
        }
        cache.put(id, new Cached(key.orElse(null), now + CACHE_MILLIS, Set.copyOf(gone)));
        return opens ? key : Optional.empty();
    }

    /** A key by its id (a customer's, or a field's), from memory or from the table, remembered either way. */
    private Optional<SecretKey> lookup(String id, Supplier<Optional<byte[]>> stored) {
        Cached cached = cache.get(id);
        if (cached != null && cached.until() > System.currentTimeMillis()) {
            return Optional.ofNullable(cached.key());
        }
        Optional<SecretKey> key = stored.get().map(wrapped -> wrapping.unwrap(id, wrapped));
        remember(id, key.orElse(null));
        return key;
    }

    private SecretKey findOrCreate(String id, UnaryOperator<byte[]> insertIfAbsent) {
        // an absence is remembered for readers; the writer asks the table, which stores a key made now unless one is
        // stored, and answers the stored one (one statement where the table can)
        Cached cached = cache.get(id);
        if (cached != null && cached.key() != null && cached.until() > System.currentTimeMillis()) {
            return cached.key();
        }
        if (cached != null) {
            cache.remove(id, cached);
        }
        return opened(id, insertIfAbsent.apply(wrapping.newWrappedKey(id)));
    }

    /**
     * Reads the keys of many customers in one look-up (a reader about to open a batch of their events); a key
     * already in memory is not read again.
     */
    public void preload(Collection<String> customerIds) {
        long now = System.currentTimeMillis();
        List<String> missing = customerIds.stream().distinct().filter(id -> {
            Cached cached = cache.get(id);
            return cached == null || cached.until() <= now;
        }).toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<String, byte[]> found = table.findAll(missing);
        // the customers' own keys, or their absence; their fields' keys where they have them (an absent field key
        // is not remembered: a value sealed with one is looked up again anyway, see toOpen)
        Map<String, byte[]> ids = new HashMap<>(table.findAllFields(missing));
        missing.forEach(id -> ids.put(id, found.get(id)));
        ids.forEach((id, wrapped) -> {
            try {
                remember(id, wrapped == null ? null : wrapping.unwrap(id, wrapped));
            } catch (IllegalStateException wrongMasterKey) {
                // left to find(), which reports it where the event is read
                cache.remove(id);
            }
        });
    }

    /** Drops a field key from memory (its destruction was read or made). */
    public void evictField(String customerId, String field) {
        cache.remove(fieldKeyId(customerId, field));
    }

    public void evict(String customerId) {
        cache.remove(customerId);
        CardFields.personalFields().forEach(field -> cache.remove(fieldKeyId(customerId, field)));
    }

    private void remember(String id, SecretKey key) {
        cache.put(id, new Cached(key, System.currentTimeMillis() + CACHE_MILLIS, Set.of()));
    }
}
