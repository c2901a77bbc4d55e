package com.customerarchive.events.org;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The organisation as both apps read it: its one stream in the event store folded into an {@link OrgChart}, kept
 * between reads and brought up to date when the stream has grown (one indexed look-up of the stream's last sequence
 * number per read), so a move is seen by the next request on every app.
 */
public final class OrgStream {

    private final DataSource dataSource;
    private final String eventTable;
    private final ObjectMapper json;
    private volatile OrgChart chart = OrgChart.empty();

    /** @param eventTable the event store's table, with its schema ({@code event_store.domain_event_entry}) */
    public OrgStream(DataSource dataSource, String eventTable, ObjectMapper json) {
        if (!eventTable.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("not a table name: " + eventTable);
        }
        this.dataSource = dataSource;
        this.eventTable = eventTable;
        this.json = json;
    }

    /** The organisation as it stands now in the store. */
    public OrgChart chart() {
        OrgChart known = chart;
        try (Connection connection = dataSource.getConnection()) {
            long last = lastSequence(connection);
            if (last + 1 == known.version()) {
                return known;
            }
            return refresh(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("the organisation's stream could not be read", e);
        }
    }

    private synchronized OrgChart refresh(Connection connection) throws SQLException {
        OrgChart next = chart.copy();
        try (PreparedStatement select = connection.prepareStatement("SELECT sequence_number, payload_type, payload, "
                + "time_stamp FROM " + eventTable + " WHERE aggregate_identifier = ? AND sequence_number >= ? "
                + "ORDER BY sequence_number")) {
            select.setString(1, OrgChart.STREAM);
            select.setLong(2, next.version());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) != next.version()) {
                        break; // a gap: another transaction's event not yet visible; read the rest next time
                    }
                    next.apply(event(rows.getString(2), rows.getBytes(3)), Instant.parse(rows.getString(4)));
                }
            }
        }
        chart = next;
        return next;
    }

    private long lastSequence(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT max(sequence_number) FROM " + eventTable
                + " WHERE aggregate_identifier = ?")) {
            select.setString(1, OrgChart.STREAM);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long last = rows.getLong(1);
                return rows.wasNull() ? -1 : last;
            }
        }
    }

    /** Only the organisation's own event types are read from its stream. */
    private OrganisationEvent event(String type, byte[] payload) {
        try {
            Class<?> eventType = Class.forName(type, false, OrganisationEvent.class.getClassLoader());
            if (!OrganisationEvent.class.isAssignableFrom(eventType)) {
                throw new IllegalStateException("the organisation's stream holds a " + type);
            }
            return (OrganisationEvent) json.readValue(new String(payload, StandardCharsets.UTF_8), eventType);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown event type in the organisation's stream: " + type, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
