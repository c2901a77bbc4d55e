package com.customerarchive.query.complaint;

import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.OwnerTransferredEvent;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Every complaint with its lifecycle dates and the owner of its customer. Complaints and owners not held are read
 * in one query per batch, folded in memory and written once per flush; a complaint's version (its customer's, at
 * the complaint's last step) guards replays.
 */
@Component
class ComplaintProjection implements ReadModel {

    static final String NAME = "complaints";
    static final String COMPLAINTS = "complaint";
    static final String OWNERS = "complaint_owner";
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
        String ownerId;
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
        return List.of(COMPLAINTS, OWNERS);
    }

    @Override
    public Writer writer(Tables tables) {
        Rows<UUID, String> owners = new Rows<>(HELD_ROWS, tables);
        Rows<UUID, Row> complaints = new Rows<>(HELD_ROWS, tables);
        Set<UUID> transferred = new LinkedHashSet<>();
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                owners.load(events.stream().map(PassEvent::customerId).toList(), ids -> loadOwners(tables, ids));
                complaints.load(events.stream().map(event -> complaintOf(event.event())).filter(Objects::nonNull)
                        .toList(), ids -> loadComplaints(tables, ids));
                for (PassEvent passEvent : events) {
                    CustomerEvent event = passEvent.event();
                    UUID customerId = passEvent.customerId();
                    if (event instanceof CustomerRegisteredEvent registered) {
                        if (owners.get(customerId) == null) {
                            owners.put(customerId, registered.ownerId());
                        }
                    } else if (event instanceof OwnerTransferredEvent moved) {
                        if (owners.get(customerId) != null && !moved.to().equals(owners.get(customerId))) {
                            owners.put(customerId, moved.to());
                            transferred.add(customerId);
                        }
                    } else if (event instanceof ComplaintFiledEvent filed) {
                        UUID complaintId = filed.complaintId().value();
                        if (complaints.get(complaintId) == null && owners.get(customerId) != null) {
                            Row row = filed(filed, passEvent);
                            row.ownerId = owners.get(customerId);
                            complaints.put(complaintId, row);
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
                saveOwners(tables, owners.changedByKey(), transferred);
                // a complaint belongs to its customer's owner of today
                complaints.changed().forEach(row -> row.ownerId = Objects.requireNonNullElse(owners.get(row.customerId),
                        row.ownerId));
                saveComplaints(tables, complaints.changed());
                owners.flushed();
                complaints.flushed();
                transferred.clear();
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

    private Map<UUID, String> loadOwners(Tables tables, Collection<UUID> customers) {
        Map<UUID, String> owners = new HashMap<>();
        jdbc.sql("SELECT customer_id, owner_id FROM " + tables.of(OWNERS) + " WHERE customer_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(customers))
                .query((row, n) -> owners.put(row.getObject("customer_id", UUID.class), row.getString("owner_id")))
                .list();
        return owners;
    }

    private Map<UUID, Row> loadComplaints(Tables tables, Collection<UUID> complaintIds) {
        Map<UUID, Row> rows = new HashMap<>();
        if (complaintIds.isEmpty()) {
            return rows;
        }
        jdbc.sql("""
                        SELECT complaint_id, customer_id, version, owner_id, category, severity, status, description,
                               channel, assignee, responsibility, resolution, satisfaction, filed_at, opened_at,
                               resolved_at, closed_at
                        FROM\s""" + tables.of(COMPLAINTS) + " WHERE complaint_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(complaintIds))
                .query((result, n) -> {
                    Row row = new Row();
                    row.complaintId = result.getObject("complaint_id", UUID.class);
                    row.customerId = result.getObject("customer_id", UUID.class);
                    row.version = result.getLong("version");
                    row.ownerId = result.getString("owner_id");
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

    /** The owners written, and every complaint of a customer whose owner changed moved to the new one. */
    private void saveOwners(Tables tables, Map<UUID, String> owners, Set<UUID> transferred) {
        if (owners.isEmpty()) {
            return;
        }
        batches.batchUpdate("INSERT INTO " + tables.of(OWNERS) + " (customer_id, owner_id) VALUES (:id, :owner) "
                        + "ON CONFLICT (customer_id) DO UPDATE SET owner_id = EXCLUDED.owner_id",
                owners.entrySet().stream().map(owner -> new MapSqlParameterSource()
                        .addValue("id", owner.getKey()).addValue("owner", owner.getValue()))
                        .toArray(SqlParameterSource[]::new));
        if (!transferred.isEmpty()) {
            batches.batchUpdate("UPDATE " + tables.of(COMPLAINTS) + " SET owner_id = :owner "
                            + "WHERE customer_id = :id AND owner_id <> :owner",
                    transferred.stream().map(id -> new MapSqlParameterSource()
                            .addValue("id", id).addValue("owner", owners.get(id)))
                            .toArray(SqlParameterSource[]::new));
        }
    }

    private void saveComplaints(Tables tables, Collection<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String table = tables.of(COMPLAINTS);
        batches.batchUpdate("INSERT INTO " + table + """
                         (complaint_id, customer_id, version, owner_id, category, severity, status, description,
                          channel, assignee, responsibility, resolution, satisfaction, filed_at, opened_at,
                          resolved_at, closed_at)
                        VALUES (:complaint, :customer, :version, :owner, :category, :severity, :status, :description,
                                :channel, :assignee, :responsibility, :resolution, :satisfaction, :filedAt,
                                :openedAt, :resolvedAt, :closedAt)
                        ON CONFLICT (complaint_id) DO UPDATE SET version = EXCLUDED.version,
                            owner_id = EXCLUDED.owner_id, status = EXCLUDED.status, assignee = EXCLUDED.assignee,
                            responsibility = EXCLUDED.responsibility, resolution = EXCLUDED.resolution,
                            satisfaction = EXCLUDED.satisfaction, opened_at = EXCLUDED.opened_at,
                            resolved_at = EXCLUDED.resolved_at, closed_at = EXCLUDED.closed_at
                        WHERE\s""" + table + ".version < EXCLUDED.version",
                rows.stream().map(row -> new MapSqlParameterSource()
                        .addValue("complaint", row.complaintId).addValue("customer", row.customerId)
                        .addValue("version", row.version).addValue("owner", row.ownerId)
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
