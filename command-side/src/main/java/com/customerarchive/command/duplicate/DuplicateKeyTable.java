package com.customerarchive.command.duplicate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The digests of every customer's identity keys; rows change in the transaction of the events that change the keys. */
@Repository
public class DuplicateKeyTable {

    /** A digest of one of the customer's keys. */
    record Digest(IdentityKeys.Kind kind, String value) {
    }

    private final JdbcClient jdbc;

    DuplicateKeyTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds, until the transaction ends, a lock on each digest, in one order so that two checks never wait on each
     * other: a second registration of the same customer waits here until the first is committed, then finds it.
     */
    void lock(Collection<Digest> digests) {
        Set<Long> locks = new TreeSet<>();
        digests.forEach(digest -> locks.add(Long.parseUnsignedLong(digest.value().substring(0, 16), 16)));
        for (long lock : locks) {
            jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", lock).query(Object.class).single();
        }
    }

    /** Other customers holding any of the digests, each with the kinds of key it shares, in the order first found. */
    Map<UUID, Set<IdentityKeys.Kind>> holders(Collection<Digest> digests, UUID except) {
        Map<UUID, Set<IdentityKeys.Kind>> holders = new LinkedHashMap<>();
        if (digests.isEmpty()) {
            return holders;
        }
        List<String> values = digests.stream().map(Digest::value).distinct().toList();
        jdbc.sql("SELECT customer_id, kind FROM duplicate_key WHERE digest IN (:digests) AND customer_id <> :except "
                        + "ORDER BY customer_id, kind")
                .param("digests", values)
                .param("except", except.toString())
                .query((rs, row) -> Map.entry(UUID.fromString(rs.getString(1)), IdentityKeys.Kind.valueOf(rs.getString(2))))
                .list()
                .forEach(hit -> holders.computeIfAbsent(hit.getKey(), id -> new TreeSet<>()).add(hit.getValue()));
        return holders;
    }

    /** The customer's keys are these from now on (and it counts as indexed). */
    void replace(UUID customerId, Collection<Digest> digests) {
        String id = customerId.toString();
        jdbc.sql("DELETE FROM duplicate_key WHERE customer_id = :id").param("id", id).update();
        // the keys and the mark of an indexed customer in one statement, whatever the number of keys
        jdbc.sql("""
                        WITH indexed AS (
                            INSERT INTO duplicate_key_indexed (customer_id) VALUES (:id) ON CONFLICT DO NOTHING)
                        INSERT INTO duplicate_key (digest, customer_id, kind)
                        SELECT digest, :id, kind
                        FROM unnest(CAST(:digests AS text[]), CAST(:kinds AS text[])) AS k(digest, kind)
                        ON CONFLICT DO NOTHING""")
                .param("id", id)
                .param("digests", digests.stream().map(Digest::value).toArray(String[]::new))
                .param("kinds", digests.stream().map(digest -> digest.kind().name()).toArray(String[]::new))
                .update();
    }

    /** The customer's erasure: its keys go (it stays indexed: an erased customer has none to find). */
    public void forget(String customerId) {
        jdbc.sql("DELETE FROM duplicate_key WHERE customer_id = :id").param("id", customerId).update();
    }

    /** A personal field destroyed: the keys it made go (a destroyed tax number no longer finds its customer). */
    public void forgetField(String customerId, String field) {
        List<String> kinds = IdentityKeys.kindsOf(field).stream().map(Enum::name).toList();
        if (!kinds.isEmpty()) {
            jdbc.sql("DELETE FROM duplicate_key WHERE customer_id = :id AND kind IN (:kinds)")
                    .param("id", customerId).param("kinds", kinds).update();
        }
    }

    /** The digests the customer holds now. */
    Set<String> digestsOf(UUID customerId) {
        return new TreeSet<>(jdbc.sql("SELECT digest FROM duplicate_key WHERE customer_id = :id")
                .param("id", customerId.toString()).query(String.class).list());
    }

    /** A customer whose keys were never computed, and where its registration stands in the store. */
    record Unindexed(UUID customerId, long globalIndex) {
    }

    /** Customers registered after {@code after} (a global index) whose keys were never computed, oldest first. */
    List<Unindexed> notIndexed(long after, int limit) {
        return jdbc.sql("SELECT e.aggregate_identifier, e.global_index FROM domain_event_entry e "
                        + "WHERE e.sequence_number = 0 AND e.type = 'Customer' AND e.global_index > :after AND NOT EXISTS "
                        + "(SELECT 1 FROM duplicate_key_indexed i WHERE i.customer_id = e.aggregate_identifier) "
                        + "ORDER BY e.global_index LIMIT :limit")
                .param("after", after).param("limit", limit)
                .query((rs, row) -> new Unindexed(UUID.fromString(rs.getString(1)), rs.getLong(2))).list();
    }
}
