package com.customerarchive.command.privacy;

import com.customerarchive.events.privacy.CustomerKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * {@code event_store.customer_key}: each customer's data key, wrapped by the master key. Written in the
 * transaction of the customer's first event; destroyed, with the snapshots, by an erasure.
 */
@Component
public class CustomerKeyTable implements CustomerKeys.KeyTable {

    private final JdbcClient jdbc;

    CustomerKeyTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<byte[]> find(String customerId) {
        return jdbc.sql("SELECT wrapped_key FROM event_store.customer_key WHERE customer_id = :id")
                .param("id", customerId).query(byte[].class).optional();
    }

    @Override
    public byte[] insertIfAbsent(String customerId, byte[] wrapped) {
        jdbc.sql("INSERT INTO event_store.customer_key (customer_id, wrapped_key) VALUES (:id, :key) ON CONFLICT DO NOTHING")
                .param("id", customerId).param("key", wrapped).update();
        return find(customerId).orElseThrow();
    }

    /** Deletes the key and every snapshot of the customer (a snapshot holds its card in clear). */
    public void destroy(String customerId) {
        jdbc.sql("DELETE FROM event_store.customer_key WHERE customer_id = :id").param("id", customerId).update();
        jdbc.sql("DELETE FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).update();
    }
}
