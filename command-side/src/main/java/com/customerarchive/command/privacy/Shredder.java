package com.customerarchive.command.privacy;

import com.customerarchive.events.privacy.JdbcKeyTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an erasure deletes, in the erasure's transaction: the customer's keys (or one field's), its duplicate-check digests (or those the field made) and every snapshot of
 * the customer (a snapshot holds the card in clear).
 */
@Repository
public class Shredder {

    private final JdbcKeyTable keys;
    private final JdbcClient jdbc;

    Shredder(JdbcKeyTable keys, JdbcClient jdbc) {
        this.keys = keys;
        this.jdbc = jdbc;
    }

    public void customer(String customerId) {
        keys.destroy(customerId);
        jdbc.sql("DELETE FROM duplicate_key WHERE customer_id = :id").param("id", customerId).update();
        deleteSnapshots(customerId);
    }

    public void field(String customerId, String field) {
        keys.destroyField(customerId, field);
        var kinds = com.customerarchive.command.duplicate.IdentityKeys.kindsOf(field).stream().map(Enum::name).toList();
        if (!kinds.isEmpty()) {
            jdbc.sql("DELETE FROM duplicate_key WHERE customer_id = :id AND kind IN (:kinds)")
                    .param("id", customerId).param("kinds", kinds).update();
        }
        deleteSnapshots(customerId);
    }

    private void deleteSnapshots(String customerId) {
        jdbc.sql("DELETE FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).update();
    }
}
