package com.customerarchive.query.complaint;

import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Rows;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.pass.Tables;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every complaint with its lifecycle dates (its customer's owner is the profile's, joined where complaints are read).
 * Complaints not held are read in one query per batch, folded in memory and written once per flush; a complaint's
 * version (its customer's, at the complaint's last step) guards replays.
 */
@Component
class ComplaintProjection implements ReadModel {

    static final String NAME = "complaints";
    static final String COMPLAINTS = "complaint";
    private static final int HELD_ROWS = 100_000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    ComplaintProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** One complaint as its row holds it. */
    private static final class Row {
        UUID complaintId;
        UUID customerId;
        long version;
        String category;
        String severity;
        String status;
        String description;
        String channel;
        String assignee;
        String responsibility;
        String resolution;
        Integer satisfaction;
        Instant filedAt;
        Instant openedAt;
        Instant resolvedAt;
        Instant closedAt;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(COMPLAINTS);
    }

    @Override
    public Writer writer(Tables tables) {
        Rows<UUID, Row> complaints = new Rows<>(HELD_ROWS, tables);
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                complaints.load(events.stream().map(event -> complaintOf(event.event())).filter(Objects::nonNull)
                        .toList(), ids -> loadComplaints(tables, ids));
                for (PassEvent passEvent : events) {
                    CustomerEvent event = passEvent.event();
                    if (event instanceof ComplaintFiledEvent filed) {
                        UUID complaintId = filed.complaintId().value();
                        if (complaints.get(complaintId) == null) {
                            complaints.put(complaintId, filed(filed, passEvent));
                        }
                    } else {
                        Row row = complaints.get(complaintOf(event));
                        if (row != null && row.version < passEvent.sequence()) {
                            step(row, event, passEvent.context().occurredAt());
                            row.version = passEvent.sequence();
                            complaints.put(row.complaintId, row);
                        }
                    }
                }
            }

            @Override
            public void flush() {
                saveComplaints(tables, complaints.changed());
                complaints.flushed();
            }
        };
    }

    private static Row filed(ComplaintFiledEvent filed, PassEvent passEvent) {
        Row row = new Row();
        row.complaintId = filed.complaintId().value();
        row.customerId = passEvent.customerId();
        row.version = passEvent.sequence();
        row.category = filed.category().name();
        row.severity = filed.severity().name();
        row.status = "FILED";
        row.description = filed.description();
        row.channel = filed.channel();
        row.filedAt = passEvent.context().occurredAt();
        row.openedAt = row.filedAt;
        return row;
    }

    private static UUID complaintOf(CustomerEvent event) {
        if (event instanceof ComplaintFiledEvent e) {
            return e.complaintId().value();
        } else if (event instanceof ComplaintAssignedEvent e) {
            return e.complaintId().value();
        } else if (event instanceof ComplaintResolvedEvent e) {
            return e.complaintId().value();
        } else if (event instanceof ComplaintFollowedUpEvent e) {
            return e.complaintId().value();
        } else if (event instanceof ComplaintClosedEvent e) {
            return e.complaintId().value();
        } else if (event instanceof ComplaintReopenedEvent e) {
            return e.complaintId().value();
        }
        return null;
    }

    private static void step(Row row, CustomerEvent event, Instant at) {
        if (event instanceof ComplaintAssignedEvent assigned) {
            row.assignee = assigned.assignee();
            if ("FILED".equals(row.status)) {
                row.status = "ASSIGNED";
            }
        } else if (event instanceof ComplaintResolvedEvent resolved) {
            row.status = "RESOLVED";
            row.resolution = resolved.resolution();
            row.responsibility = resolved.responsibility().name();
            row.resolvedAt = at;
        } else if (event instanceof ComplaintFollowedUpEvent followedUp) {
            row.status = "FOLLOWED_UP";
            row.satisfaction = followedUp.satisfaction();
        } else if (event instanceof ComplaintClosedEvent) {
            row.status = "CLOSED";
            row.closedAt = at;
        } else if (event instanceof ComplaintReopenedEvent) {
            // a reopened complaint is open again, its target counted from the reopening
            row.status = "REOPENED";
            row.openedAt = at;
            row.resolvedAt = null;
            row.closedAt = null;
        }
    }

    private Map<UUID, Row> loadComplaints(Tables tables, Collection<UUID> complaintIds) {
        Map<UUID, Row> rows = new HashMap<>();
        if (complaintIds.isEmpty()) {
            return rows;
        }
        jdbc.sql("""
                        SELECT complaint_id, customer_id, version, category, severity, status, description,
                               channel, assignee, responsibility, resolution, satisfaction, filed_at, opened_at,
                               resolved_at, closed_at
                        FROM\s""" + tables.of(COMPLAINTS) + " WHERE complaint_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(complaintIds))
                .query((result, n) -> {
                    Row row = new Row();
                    row.complaintId = result.getObject("complaint_id", UUID.class);
                    row.customerId = result.getObject("customer_id", UUID.class);
                    row.version = result.getLong("version");
                    row.category = result.getString("category");
                    row.severity = result.getString("severity");
                    row.status = result.getString("status");
                    row.description = result.getString("description");
                    row.channel = result.getString("channel");
                    row.assignee = result.getString("assignee");
                    row.responsibility = result.getString("responsibility");
                    row.resolution = result.getString("resolution");
                    row.satisfaction = (Integer) result.getObject("satisfaction");
                    row.filedAt = instant(result.getTimestamp("filed_at"));
                    row.openedAt = instant(result.getTimestamp("opened_at"));
                    row.resolvedAt = instant(result.getTimestamp("resolved_at"));
                    row.closedAt = instant(result.getTimestamp("closed_at"));
                    return row;
                })
                .list().forEach(row -> rows.put(row.complaintId, row));
        return rows;
    }

    private void saveComplaints(Tables tables, Collection<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String table = tables.of(COMPLAINTS);
        batches.batchUpdate("INSERT INTO " + table + """
                         (complaint_id, customer_id, version, category, severity, status, description,
                          channel, assignee, responsibility, resolution, satisfaction, filed_at, opened_at,
                          resolved_at, closed_at)
                        VALUES (:complaint, :customer, :version, :category, :severity, :status, :description,
                                :channel, :assignee, :responsibility, :resolution, :satisfaction, :filedAt,
                                :openedAt, :resolvedAt, :closedAt)
                        ON CONFLICT (complaint_id) DO UPDATE SET version = EXCLUDED.version,
                            status = EXCLUDED.status, assignee = EXCLUDED.assignee,
                            responsibility = EXCLUDED.responsibility, resolution = EXCLUDED.resolution,
                            satisfaction = EXCLUDED.satisfaction, opened_at = EXCLUDED.opened_at,
                            resolved_at = EXCLUDED.resolved_at, closed_at = EXCLUDED.closed_at
                        WHERE\s""" + table + ".version < EXCLUDED.version",
                rows.stream().map(row -> new MapSqlParameterSource()
                        .addValue("complaint", row.complaintId).addValue("customer", row.customerId)
                        .addValue("version", row.version)
                        .addValue("category", row.category).addValue("severity", row.severity)
                        .addValue("status", row.status).addValue("description", row.description)
                        .addValue("channel", row.channel).addValue("assignee", row.assignee)
                        .addValue("responsibility", row.responsibility).addValue("resolution", row.resolution)
                        .addValue("satisfaction", row.satisfaction).addValue("filedAt", timestamp(row.filedAt))
                        .addValue("openedAt", timestamp(row.openedAt)).addValue("resolvedAt", timestamp(row.resolvedAt))
                        .addValue("closedAt", timestamp(row.closedAt)))
                        .toArray(SqlParameterSource[]::new));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
