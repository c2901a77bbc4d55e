package com.customerarchive.command.privacy;

import com.customerarchive.events.privacy.JdbcKeyTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What an erasure deletes, in the erasure's transaction: the customer's keys (or one field's) and every snapshot of
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
        deleteSnapshots(customerId);
    }

    public void field(String customerId, String field) {
        keys.destroyField(customerId, field);
        deleteSnapshots(customerId);
    }

    private void deleteSnapshots(String customerId) {
        jdbc.sql("DELETE FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).update();
    }
}
