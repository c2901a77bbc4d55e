package com.customerarchive.query.report;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Frozen reports, never updated once written; and what the pass had read when one is frozen. */
@Repository
class SnapshotRepository {

    private final JdbcClient jdbc;

    SnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A frozen report as stored: the answer and the parameters as JSON text. */
    record Stored(UUID id, String report, String parameters, Instant knownAt, long position, Instant frozenAt,
                  String frozenBy, String answer, String signature) {
    }

    void save(Stored snapshot) {
        jdbc.sql("""
                        INSERT INTO report_snapshot (id, report, parameters, known_at, position, frozen_at, frozen_by,
                                                     answer, signature)
                        VALUES (:id, :report, CAST(:parameters AS jsonb), :knownAt, :position, :frozenAt, :frozenBy,
                                :answer, :signature)""")
                .param("id", snapshot.id()).param("report", snapshot.report())
                .param("parameters", snapshot.parameters()).param("knownAt", Timestamp.from(snapshot.knownAt()))
                .param("position", snapshot.position()).param("frozenAt", Timestamp.from(snapshot.frozenAt()))
                .param("frozenBy", snapshot.frozenBy()).param("answer", snapshot.answer())
                .param("signature", snapshot.signature()).update();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql("""
                        SELECT report, parameters::text AS parameters, known_at, position, frozen_at, frozen_by, answer,
                               signature
                        FROM report_snapshot WHERE id = :id""")
                .param("id", id)
                .query((row, n) -> new Stored(id, row.getString("report"), row.getString("parameters"),
                        row.getTimestamp("known_at").toInstant(), row.getLong("position"),
                        row.getTimestamp("frozen_at").toInstant(), row.getString("frozen_by"), row.getString("answer"),
                        row.getString("signature")))
                .optional();
    }

    /** The newest frozen reports, without their answers. */
    List<Stored> newest(int limit) {
        return jdbc.sql("""
                        SELECT id, report, parameters::text AS parameters, known_at, position, frozen_at, frozen_by
                        FROM report_snapshot ORDER BY frozen_at DESC LIMIT :limit""")
                .param("limit", limit)
                .query((row, n) -> new Stored(row.getObject("id", UUID.class), row.getString("report"),
                        row.getString("parameters"), row.getTimestamp("known_at").toInstant(), row.getLong("position"),
                        row.getTimestamp("frozen_at").toInstant(), row.getString("frozen_by"), null, null))
                .list();
    }

    /** The recording time of the newest event the reports have read, if any. */
    Optional<Instant> newestKnown() {
        Timestamp newest = jdbc.sql("SELECT max(recorded_at) FROM report_fact").query(Timestamp.class).single();
        return Optional.ofNullable(newest).map(Timestamp::toInstant);
    }

    /** The store position the pass has read up to (-1 before its first event). */
    long position() {
        Long position = jdbc.sql("SELECT max(last_index) FROM pass_token").query(Long.class).single();
        return position == null ? -1 : position;
    }
}
