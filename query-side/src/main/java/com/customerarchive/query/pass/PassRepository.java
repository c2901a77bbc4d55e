package com.customerarchive.query.pass;

import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.eventstore.EventStoreProperties;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The pass's own state: its token, and the rebuild under way with its token. */
@Repository
class PassRepository {

    static final String LIVE = "live";

    private final JdbcClient jdbc;
    private final String eventTable;

    PassRepository(JdbcClient jdbc, EventStoreProperties store) {
        this.jdbc = jdbc;
        this.eventTable = store.schema() + ".domain_event_entry";
    }

    /** The rebuild requested or under way. */
    record Rebuild(long generation, List<String> models, GapAwareTrackingToken token, long events, boolean prepared,
                   Instant startedAt, Instant updatedAt) {
    }

    Optional<GapAwareTrackingToken> token(String name) {
        return jdbc.sql("SELECT last_index, gaps FROM pass_token WHERE name = :name").param("name", name)
                .query((row, n) -> token(row)).optional();
    }

    void saveToken(String name, GapAwareTrackingToken gapAware, Instant now) {
        jdbc.sql("""
                        INSERT INTO pass_token (name, last_index, gaps, updated_at) VALUES (:name, :index, :gaps, :now)
                        ON CONFLICT (name) DO UPDATE SET last_index = EXCLUDED.last_index, gaps = EXCLUDED.gaps,
                                                         updated_at = EXCLUDED.updated_at""")
                .param("name", name).param("index", gapAware.getIndex()).param("gaps", gaps(gapAware))
                .param("now", Timestamp.from(now)).update();
    }

    Optional<Rebuild> rebuild() {
        return jdbc.sql("""
                        SELECT generation, models, last_index, gaps, events, prepared, started_at, updated_at
                        FROM pass_rebuild WHERE id = 1""")
                .query((row, n) -> new Rebuild(row.getLong("generation"),
                        List.of((String[]) row.getArray("models").getArray()),
                        row.getObject("last_index") == null ? null : token(row), row.getLong("events"),
                        row.getBoolean("prepared"), row.getTimestamp("started_at").toInstant(),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    /**
     * Asks for the read models to be rebuilt; a rebuild already covering all of them goes on, otherwise it starts
     * again from the first event with the union of both.
     */
    void requestRebuild(Collection<String> models, Instant now) {
        jdbc.sql("""
                        INSERT INTO pass_rebuild (id, generation, models, started_at, updated_at)
                        VALUES (1, 1, :models, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET generation = pass_rebuild.generation + 1,
                            models = ARRAY(SELECT DISTINCT m FROM unnest(pass_rebuild.models || EXCLUDED.models) m ORDER BY m),
                            last_index = NULL, gaps = NULL, events = 0, prepared = FALSE,
                            started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at
                        WHERE NOT pass_rebuild.models @> EXCLUDED.models""")
                .param("models", SqlArrays.texts(models)).param("now", Timestamp.from(now)).update();
    }

    void prepared(long generation, Instant now) {
        jdbc.sql("UPDATE pass_rebuild SET prepared = TRUE, last_index = NULL, gaps = NULL, events = 0, started_at = :now, "
                        + "updated_at = :now WHERE generation = :generation")
                .param("generation", generation).param("now", Timestamp.from(now)).update();
    }

    /** @return false when a newer generation replaced this one meanwhile */
    boolean advanceRebuild(long generation, GapAwareTrackingToken gapAware, int events, Instant now) {
        return jdbc.sql("""
                        UPDATE pass_rebuild SET last_index = :index, gaps = :gaps, events = events + :events,
                                                updated_at = :now
                        WHERE generation = :generation""")
                .param("index", gapAware.getIndex()).param("gaps", gaps(gapAware)).param("events", events)
                .param("now", Timestamp.from(now)).param("generation", generation).update() == 1;
    }

    void finishRebuild(long generation) {
        jdbc.sql("DELETE FROM pass_rebuild WHERE generation = :generation").param("generation", generation).update();
        jdbc.sql("DELETE FROM pass_rebuild_witness WHERE generation <= :generation").param("generation", generation)
                .update();
    }

    /**
     * A fresh empty copy of a table for a rebuild to fill: its columns and keys, without the indexes no key needs,
     * which {@link #indexLike} builds once the table is full (one sort instead of an update per row); unlogged, so
     * that what the rebuild writes and writes over goes to the write-ahead log once, when {@link #indexLike} makes it
     * logged before the swap.
     */
    void createRebuildTable(String table, String rebuildTable) {
        jdbc.sql("DROP TABLE IF EXISTS " + rebuildTable).update();
        jdbc.sql("CREATE UNLOGGED TABLE " + rebuildTable + " (LIKE " + table + " INCLUDING ALL)").update();
        for (SecondaryIndex index : secondaryIndexes(rebuildTable)) {
            jdbc.sql("DROP INDEX " + index.name()).update();
        }
    }

    /** Drops a rebuild's new table, if there is one (the rebuild was abandoned or replaced). */
    void dropRebuildTable(String rebuildTable) {
        jdbc.sql("DROP TABLE IF EXISTS " + rebuildTable).update();
    }

    /**
     * Gives the rebuilt table the indexes the serving one has beyond its keys, unless it has them already, and makes
     * it logged (table and indexes written to the write-ahead log once), as the serving one is.
     */
    void indexLike(String table, String rebuildTable) {
        if (secondaryIndexes(rebuildTable).isEmpty()) {
            for (SecondaryIndex index : secondaryIndexes(table)) {
                // the same index (method, columns, expressions) on the new table; PostgreSQL names it
                jdbc.sql("CREATE INDEX ON " + rebuildTable + index.using()).update();
            }
        }
        if (unlogged(rebuildTable)) {
            jdbc.sql("ALTER TABLE " + rebuildTable + " SET LOGGED").update();
        }
    }

    private boolean unlogged(String table) {
        return jdbc.sql("SELECT relpersistence = 'u' FROM pg_class WHERE oid = CAST(:table AS regclass)")
                .param("table", table).query(Boolean.class).single();
    }

    /** Notes, unlogged like its tables, that a rebuild's tables were made: gone if PostgreSQL emptied them since. */
    void witnessRebuild(long generation) {
        jdbc.sql("INSERT INTO pass_rebuild_witness (generation) VALUES (:generation) ON CONFLICT DO NOTHING")
                .param("generation", generation).update();
    }

    /** Whether the rebuild's unlogged tables still hold what it wrote (PostgreSQL has not recovered from a crash since). */
    boolean rebuildWitnessed(long generation) {
        return jdbc.sql("SELECT count(*) FROM pass_rebuild_witness WHERE generation = :generation")
                .param("generation", generation).query(Long.class).single() > 0;
    }

    /** Planner statistics for tables that grew from empty, so their look-ups by key use the key's index. */
    void analyze(String table) {
        jdbc.sql("ANALYZE " + table).update();
    }

    /** An index no key constraint needs: its name, and its definition from {@code USING} on. */
    private record SecondaryIndex(String name, String using) {
    }

    private List<SecondaryIndex> secondaryIndexes(String table) {
        return jdbc.sql("""
                        SELECT CAST(i.indexrelid AS regclass)::text AS name,
                               substring(pg_get_indexdef(i.indexrelid) FROM ' USING .*$') AS using_clause
                        FROM pg_index i
                        WHERE i.indrelid = CAST(:table AS regclass)
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""")
                .param("table", table)
                .query((row, n) -> new SecondaryIndex(row.getString("name"), row.getString("using_clause"))).list();
    }

    /** Puts the rebuilt table in the place of the serving one; in the caller's transaction, with the others. */
    void swapIn(String table, String rebuildTable) {
        jdbc.sql("ALTER TABLE " + table + " RENAME TO " + table + "_retired").update();
        jdbc.sql("ALTER TABLE " + rebuildTable + " RENAME TO " + table).update();
        jdbc.sql("DROP TABLE " + table + "_retired").update();
    }

    void lockTimeout(String timeout) {
        jdbc.sql("SELECT set_config('lock_timeout', :timeout, true)").param("timeout", timeout).query().singleRow();
    }

    /** The highest global index in the event store. */
    long head() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM " + eventTable).query(Long.class).single();
    }

    private static GapAwareTrackingToken token(ResultSet row) throws SQLException {
        Array gaps = row.getArray("gaps");
        Long[] values = gaps == null ? new Long[0] : (Long[]) gaps.getArray();
        return GapAwareTrackingToken.newInstance(row.getLong("last_index"), Arrays.asList(values));
    }

    private static Object gaps(GapAwareTrackingToken token) {
        return SqlArrays.longs(token.getGaps());
    }
}
