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
class DuplicateKeyTable {

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

    /** Holds, until the transaction ends, a lock on each customer (a merge's two), in one order. */
    void lockCustomers(UUID... customerIds) {
        for (String id : new TreeSet<>(java.util.Arrays.stream(customerIds).map(UUID::toString).toList())) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:id, 7))").param("id", id).query(Object.class).single();
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
        for (Digest digest : digests) {
            jdbc.sql("INSERT INTO duplicate_key (digest, customer_id, kind) VALUES (:digest, :id, :kind) "
                            + "ON CONFLICT DO NOTHING")
                    .param("digest", digest.value()).param("id", id).param("kind", digest.kind().name()).update();
        }
        jdbc.sql("INSERT INTO duplicate_key_indexed (customer_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .param("id", id).update();
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
                        + "WHERE e.sequence_number = 0 AND e.global_index > :after AND NOT EXISTS "
                        + "(SELECT 1 FROM duplicate_key_indexed i WHERE i.customer_id = e.aggregate_identifier) "
                        + "ORDER BY e.global_index LIMIT :limit")
                .param("after", after).param("limit", limit)
                .query((rs, row) -> new Unindexed(UUID.fromString(rs.getString(1)), rs.getLong(2))).list();
    }
}
