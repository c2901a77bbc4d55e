package com.customerarchive.command.privacy;

import com.customerarchive.events.privacy.CustomerKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public Optional<byte[]> findField(String customerId, String field) {
        return jdbc.sql("SELECT wrapped_key FROM event_store.customer_field_key WHERE customer_id = :id AND field = :field")
                .param("id", customerId).param("field", field).query(byte[].class).optional();
    }

    @Override
    public byte[] insertFieldIfAbsent(String customerId, String field, byte[] wrapped) {
        jdbc.sql("INSERT INTO event_store.customer_field_key (customer_id, field, wrapped_key) VALUES (:id, :field, :key) "
                        + "ON CONFLICT DO NOTHING")
                .param("id", customerId).param("field", field).param("key", wrapped).update();
        return findField(customerId, field).orElseThrow();
    }

    @Override
    public Map<String, byte[]> insertFieldsIfAbsent(String customerId, Map<String, byte[]> wrappedByField) {
        List<String> fields = List.copyOf(wrappedByField.keySet());
        jdbc.sql("INSERT INTO event_store.customer_field_key (customer_id, field, wrapped_key) "
                        + "SELECT :id, field, wrapped_key FROM unnest(CAST(:fields AS varchar[]), CAST(:keys AS bytea[])) "
                        + "AS made(field, wrapped_key) ON CONFLICT DO NOTHING")
                .param("id", customerId).param("fields", fields.toArray(new String[0]))
                .param("keys", fields.stream().map(wrappedByField::get).toArray(byte[][]::new)).update();
        Map<String, byte[]> stored = new HashMap<>();
        findAllFields(List.of(customerId)).forEach((id, wrapped) -> {
            String field = id.substring(customerId.length() + 1);
            if (wrappedByField.containsKey(field)) {
                stored.put(field, wrapped);
            }
        });
        return stored;
    }

    @Override
    public Map<String, byte[]> findAllFields(Collection<String> customerIds) {
        Map<String, byte[]> found = new HashMap<>();
        jdbc.sql("SELECT customer_id, field, wrapped_key FROM event_store.customer_field_key WHERE customer_id IN (:ids)")
                .param("ids", List.copyOf(customerIds))
                .query((row, n) -> found.put(CustomerKeys.fieldKeyId(row.getString(1), row.getString(2)), row.getBytes(3)))
                .list();
        return found;
    }

    /** Deletes the key, the fields' keys and every snapshot of the customer (a snapshot holds its card in clear). */
    public void destroy(String customerId) {
        jdbc.sql("DELETE FROM event_store.customer_key WHERE customer_id = :id").param("id", customerId).update();
        jdbc.sql("DELETE FROM event_store.customer_field_key WHERE customer_id = :id").param("id", customerId).update();
        deleteSnapshots(customerId);
    }

    /** Deletes one field's key and every snapshot of the customer (a snapshot holds that field in clear). */
    public void destroyField(String customerId, String field) {
        jdbc.sql("DELETE FROM event_store.customer_field_key WHERE customer_id = :id AND field = :field")
                .param("id", customerId).param("field", field).update();
        deleteSnapshots(customerId);
    }

    private void deleteSnapshots(String customerId) {
        jdbc.sql("DELETE FROM event_store.snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", customerId).update();
    }
}
