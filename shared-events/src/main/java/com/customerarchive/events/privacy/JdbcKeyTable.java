package com.customerarchive.events.privacy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key tables of the event store's schema, {@code customer_key} (each customer's key) and
 * {@code customer_field_key} (one per personal field of its card), both wrapped by the master key: command-side
 * writes them in the transaction of the customer's events and deletes them to erase, query-side reads them. The
 * data source is the app's, handing out the connection of the transaction under way.
 */
public final class JdbcKeyTable implements CustomerKeys.KeyTable {

    private final DataSource dataSource;
    private final String keys;
    private final String fieldKeys;

    public JdbcKeyTable(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.keys = schema + ".customer_key";
        this.fieldKeys = schema + ".customer_field_key";
    }

    /** What is read from each row of an answer. */
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs one statement on the data source's connection; a String[] or byte[][] value is bound as an array. */
    private void execute(String sql, RowReader reader, Object... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                statement.setObject(i + 1, value instanceof String[] texts ? connection.createArrayOf("varchar", texts)
                        : value instanceof byte[][] bytes ? connection.createArrayOf("bytea", bytes) : value);
            }
            if (reader == null) {
                statement.executeUpdate();
                return;
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    reader.read(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the key table could not be read or written", e);
        }
    }

    private Optional<byte[]> one(String sql, Object... values) {
        byte[][] found = new byte[1][];
        execute(sql, row -> found[0] = row.getBytes(1), values);
        return Optional.ofNullable(found[0]);
    }

    private void update(String sql, Object... values) {
        execute(sql, null, values);
    }

    @Override
    public Optional<byte[]> find(String customerId) {
        return one("SELECT wrapped_key FROM " + keys + " WHERE customer_id = ?", customerId);
    }

    @Override
    public Map<String, byte[]> findAll(Collection<String> customerIds) {
        Map<String, byte[]> found = new HashMap<>();
        execute("SELECT customer_id, wrapped_key FROM " + keys + " WHERE customer_id = ANY(?)",
                row -> found.put(row.getString(1), row.getBytes(2)), (Object) customerIds.toArray(String[]::new));
        return found;
    }

    /**
     * One statement: the key inserted, or the one stored before it. A key another transaction stored while this one
     * waited on its row is not seen by the statement that waited: then it is read once more.
     */
    @Override
    public byte[] insertIfAbsent(String customerId, byte[] wrapped) {
        return one("WITH made AS (INSERT INTO " + keys + " (customer_id, wrapped_key) VALUES (?, ?) "
                        + "ON CONFLICT DO NOTHING RETURNING wrapped_key) "
                        + "SELECT wrapped_key FROM made UNION ALL SELECT wrapped_key FROM " + keys + " WHERE customer_id = ? "
                        // a key deleted after the statement began is still in its snapshot: never beside a new one
                        + "AND NOT EXISTS (SELECT 1 FROM made)",
                customerId, wrapped, customerId)
                .or(() -> find(customerId)).orElseThrow();
    }

    @Override
    public Optional<byte[]> findField(String customerId, String field) {
        return one("SELECT wrapped_key FROM " + fieldKeys + " WHERE customer_id = ? AND field = ?", customerId, field);
    }

    @Override
    public byte[] insertFieldIfAbsent(String customerId, String field, byte[] wrapped) {
        return insertFieldsIfAbsent(customerId, Map.of(field, wrapped)).get(field);
    }

    /** One statement as {@link #insertIfAbsent}: the keys inserted and those stored before; a field missed is read again. */
    @Override
    public Map<String, byte[]> insertFieldsIfAbsent(String customerId, Map<String, byte[]> wrappedByField) {
        List<String> fields = List.copyOf(wrappedByField.keySet());
        String[] names = fields.toArray(String[]::new);
        Map<String, byte[]> stored = new HashMap<>();
        execute("WITH made AS (INSERT INTO " + fieldKeys + " (customer_id, field, wrapped_key) SELECT ?, field, wrapped_key "
                        + "FROM unnest(?, ?) AS made(field, wrapped_key) ON CONFLICT DO NOTHING RETURNING field, wrapped_key) "
                        + "SELECT field, wrapped_key FROM made UNION ALL SELECT field, wrapped_key FROM " + fieldKeys
                        + " WHERE customer_id = ? AND field = ANY(?) AND field NOT IN (SELECT field FROM made)",
                row -> stored.put(row.getString(1), row.getBytes(2)), customerId, names,
                fields.stream().map(wrappedByField::get).toArray(byte[][]::new), customerId, names);
        if (stored.size() < fields.size()) {
            findAllFields(List.of(customerId)).forEach((id, wrapped) -> {
                String field = id.substring(customerId.length() + 1);
                if (wrappedByField.containsKey(field)) {
                    stored.putIfAbsent(field, wrapped);
                }
            });
        }
        return stored;
    }

    @Override
    public Map<String, byte[]> findAllFields(Collection<String> customerIds) {
        Map<String, byte[]> found = new HashMap<>();
        execute("SELECT customer_id, field, wrapped_key FROM " + fieldKeys + " WHERE customer_id = ANY(?)",
                row -> found.put(CustomerKeys.fieldKeyId(row.getString(1), row.getString(2)), row.getBytes(3)),
                (Object) customerIds.toArray(String[]::new));
        return found;
    }

    /** Deletes the customer's key and every key of its fields: each value sealed with them reads "[erased]". */
    public void destroy(String customerId) {
        update("DELETE FROM " + keys + " WHERE customer_id = ?", customerId);
        update("DELETE FROM " + fieldKeys + " WHERE customer_id = ?", customerId);
    }

    /** Deletes one field's key: every value the field had reads "[erased]". */
    public void destroyField(String customerId, String field) {
        update("DELETE FROM " + fieldKeys + " WHERE customer_id = ? AND field = ?", customerId, field);
    }
}
