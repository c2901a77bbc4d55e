package com.customerarchive.command.privacy;

import com.customerarchive.command.duplicate.DuplicateKeyTable;
import com.customerarchive.events.privacy.JdbcKeyTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an erasure deletes, in the erasure's transaction: the customer's keys (or one field's), its duplicate-check
 * digests (or those the field made) and every snapshot of the customer (a snapshot holds the card in clear).
 */
@Repository
public class Shredder {

    private final JdbcKeyTable keys;
    private final DuplicateKeyTable duplicateKeys;
    private final JdbcClient jdbc;

    Shredder(JdbcKeyTable keys, DuplicateKeyTable duplicateKeys, JdbcClient jdbc) {
        this.keys = keys;
        this.duplicateKeys = duplicateKeys;
        this.jdbc = jdbc;
    }

    public void customer(String customerId) {
        keys.destroy(customerId);
        duplicateKeys.forget(customerId);
        deleteSnapshots(customerId);
    }

    public void field(String customerId, String field) {
        keys.destroyField(customerId, field);
        duplicateKeys.forgetField(customerId, field);
        deleteSnapshots(customerId);
    }

    private void deleteSnapshots(String customerId) {
        jdbc.sql("DELETE FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).update();
    }
}
