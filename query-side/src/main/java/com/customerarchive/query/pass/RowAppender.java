package com.customerarchive.query.pass;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Appends rows to an append-only read-model table: a table being rebuilt, which no one else writes and which
 * holds no row of the events to come, takes them with {@code COPY}; a serving table with
 * {@code INSERT ... ON CONFLICT DO NOTHING}, so a row written before is not doubled. Values are Java values;
 * {@link Instant}s are timestamps.
 */
@Component
public class RowAppender {

    /** A column and, for JSON, its type (the value is JSON text). */
    public record Column(String name, boolean json) {

        public static Column of(String name) {
            return new Column(name, false);
        }

        public static Column json(String name) {
            return new Column(name, true);
        }
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    RowAppender(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** @param key the columns of the unique key a serving table already holding a row would refuse */
    public void append(Tables tables, String table, List<Column> columns, String key, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (tables.fresh()) {
            copy(tables.of(table), columns, rows);
            return;
        }
        String sql = "INSERT INTO " + tables.of(table) + " ("
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(column -> column.json() ? "CAST(? AS jsonb)" : "?").collect(Collectors.joining(", "))
                + ") ON CONFLICT (" + key + ") DO NOTHING";
        List<Object[]> bound = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Object[] values = row.clone();
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant instant) {
                    values[i] = Timestamp.from(instant);
                }
            }
            bound.add(values);
        }
        jdbc.batchUpdate(sql, bound);
    }

    /** Rows no table row can conflict with, in one {@code COPY}, inside the current transaction. */
    public void copy(String physicalTable, List<Column> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "COPY " + physicalTable + " ("
                + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") FROM STDIN";
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PGCopyOutputStream out = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 16)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        out.write('\t');
                    }
                    writeValue(out, row[i]);
                }
                out.write('\n');
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into " + physicalTable + " failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** PostgreSQL's COPY text format: \N for null, backslash escapes for the separators. */
    private static void writeValue(PGCopyOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.write(NULL);
            return;
        }
        String string = value.toString();
        if (needsEscape(string)) {
            StringBuilder escaped = new StringBuilder(string.length() + 16);
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> escaped.append("\\\\");
                    case '\t' -> escaped.append("\\t");
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    default -> escaped.append(c);
                }
            }
            string = escaped.toString();
        }
        out.write(string.getBytes(StandardCharsets.UTF_8));
    }

    private static final byte[] NULL = {'\\', 'N'};

    /** indexOf is vectorised: four scans beat one loop over the characters. */
    private static boolean needsEscape(String string) {
        return string.indexOf('\\') >= 0 || string.indexOf('\t') >= 0 || string.indexOf('\n') >= 0
                || string.indexOf('\r') >= 0;
    }

}
