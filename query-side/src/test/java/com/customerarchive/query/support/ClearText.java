package com.customerarchive.query.support;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a text stands in clear in the database: every column that can hold text, of every table of every schema (the
 * event store, every read model, a rebuild's tables, dead letters, whatever a later issue adds); a binary column is
 * searched for the text's UTF-8 bytes. No list of tables to keep, so none can leave out where clear text ended up.
 */
public final class ClearText {

    private ClearText() {
    }

    /** How one column is searched for the text bound as {@code :text<n>}. */
    private record Column(String name, boolean binary) {

        String holds(int text) {
            return binary ? "position(convert_to(:text" + text + ", 'UTF8') IN t." + name + ") > 0"
                    : "strpos(CAST(t." + name + " AS text), :text" + text + ") > 0";
        }
    }

    /** The tables (schema.table) with rows holding any of the texts, and how many rows each. */
    public static Map<String, Long> rowsHolding(JdbcClient jdbc, String... texts) {
        Map<String, Long> holding = new TreeMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < texts.length; i++) {
            params.put("text" + i, texts[i]);
        }
        columnsByTable(jdbc).forEach((table, columns) -> {
            List<String> anyHolds = new ArrayList<>();
            for (Column column : columns) {
                for (int i = 0; i < texts.length; i++) {
                    anyHolds.add(column.holds(i));
                }
            }
            try {
                long rows = jdbc.sql("SELECT count(*) FROM " + table + " t WHERE " + String.join(" OR ", anyHolds))
                        .params(params).query(Long.class).single();
                if (rows > 0) {
                    holding.put(table, rows);
                }
            } catch (DataAccessException e) {
                // a rebuild's table swapped out between the listing and the search holds nothing any more
                if (exists(jdbc, table)) {
                    throw e;
                }
            }
        });
        return holding;
    }

    /** Every column that can hold text (numbers, times, ids and flags cannot), by table. */
    private static Map<String, List<Column>> columnsByTable(JdbcClient jdbc) {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT format('%I.%I', c.table_schema, c.table_name) AS table_name,
                               quote_ident(c.column_name) AS column_name, c.data_type = 'bytea' AS is_binary
                        FROM information_schema.columns c
                        JOIN information_schema.tables t USING (table_schema, table_name)
                        WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                          AND c.data_type NOT IN ('smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision',
                              'boolean', 'uuid', 'date', 'interval', 'timestamp with time zone',
                              'timestamp without time zone', 'time with time zone', 'time without time zone')
                        ORDER BY 1, c.ordinal_position""")
                .query((ResultSet row) -> {
                    columns.computeIfAbsent(row.getString("table_name"), table -> new ArrayList<>())
                            .add(new Column(row.getString("column_name"), row.getBoolean("is_binary")));
                });
        return columns;
    }

    private static boolean exists(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT to_regclass(:table) IS NOT NULL").param("table", table).query(Boolean.class).single();
    }
}
