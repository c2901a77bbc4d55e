package com.customerarchive.query.core;

import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/** Collections bound as one PostgreSQL array parameter ({@code = ANY(:ids)}): one statement text for any size. */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static Object uuids(Collection<UUID> ids) {
        return array("uuid", ids.toArray());
    }

    public static Object ints(Collection<Integer> values) {
        return array("integer", values.toArray());
    }

    public static Object longs(Collection<Long> values) {
        return array("bigint", values.toArray());
    }

    public static Object texts(Collection<String> values) {
        return array("text", values.toArray());
    }

    private static Object array(String type, Object[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(type, values);
            }
        };
    }
}
