package com.customerarchive.query.report;

import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.pass.Rows;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.pass.Tables;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What each rep's customers saw happen: one row per visit, complaint filed or resolved, grade up or down, counted
 * for the customer's owner at that moment. Rows are keyed by (customer, sequence): applied twice, added once.
 */
@Component
class ActivityProjection implements ReadModel {

    static final String NAME = "activity";
    static final String ACTIVITY = "activity";
    static final String OWNERS = "activity_owner";

    private static final int HELD_ROWS = 200_000;
    private static final List<Column> COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("occurred_at"), Column.of("owner_id"), Column.of("kind"), Column.of("detail"));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final RowAppender appender;

    ActivityProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batches, RowAppender appender) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.appender = appender;
    }

    private record Owner(String ownerId, String grade) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(ACTIVITY, OWNERS);
    }

    @Override
    public Writer writer(Tables tables) {
        Rows<UUID, Owner> owners = new Rows<>(HELD_ROWS, tables);
        List<Object[]> activity = new ArrayList<>();
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                owners.load(events.stream().map(PassEvent::customerId).toList(), ids -> loadOwners(tables, ids));
                for (PassEvent passEvent : events) {
                    CustomerEvent event = passEvent.event();
                    UUID customerId = passEvent.customerId();
                    Owner owner = owners.get(customerId);
                    if (event instanceof CustomerRegisteredEvent registered) {
                        if (owner == null) {
                            owners.put(customerId, new Owner(registered.ownerId(), registered.grade().name()));
                        }
                    } else if (event instanceof OwnerTransferredEvent moved) {
                        if (owner != null) {
                            owners.put(customerId, new Owner(moved.to(), owner.grade()));
                        }
                    } else {
                        String[] kindAndDetail = kindAndDetail(event);
                        if (kindAndDetail != null && owner != null) {
                            activity.add(new Object[]{customerId, passEvent.sequence(),
                                    passEvent.context().occurredAt(), owner.ownerId(), kindAndDetail[0],
                                    kindAndDetail[1]});
                        }
                    }
                }
            }

            @Override
            public void flush() {
                saveOwners(tables, owners.changedByKey());
                appender.append(tables, ACTIVITY, COLUMNS, "customer_id, sequence", activity);
                owners.flushed();
                activity.clear();
            }
        };
    }

    private Map<UUID, Owner> loadOwners(Tables tables, Collection<UUID> customers) {
        Map<UUID, Owner> owners = new HashMap<>();
        jdbc.sql("SELECT customer_id, owner_id, grade FROM " + tables.of(OWNERS) + " WHERE customer_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(customers))
                .query((row, n) -> owners.put(row.getObject("customer_id", UUID.class),
                        new Owner(row.getString("owner_id"), row.getString("grade"))))
                .list();
        return owners;
    }

    private void saveOwners(Tables tables, Map<UUID, Owner> owners) {
        if (owners.isEmpty()) {
            return;
        }
        batches.batchUpdate("INSERT INTO " + tables.of(OWNERS) + " (customer_id, owner_id, grade) "
                        + "VALUES (:id, :owner, :grade) ON CONFLICT (customer_id) DO UPDATE SET owner_id = EXCLUDED.owner_id",
                owners.entrySet().stream().map(entry -> new MapSqlParameterSource()
                                .addValue("id", entry.getKey()).addValue("owner", entry.getValue().ownerId())
                                .addValue("grade", entry.getValue().grade()))
                        .toArray(SqlParameterSource[]::new));
    }

    /** A is the best grade: moving towards A is up. */
    private static String[] kindAndDetail(CustomerEvent event) {
        if (event instanceof VisitRecordedEvent visit) {
            return new String[]{"VISIT", visit.method().name()};
        } else if (event instanceof ComplaintFiledEvent filed) {
            return new String[]{"COMPLAINT_FILED", filed.severity().name()};
        } else if (event instanceof ComplaintResolvedEvent resolved) {
            return new String[]{"COMPLAINT_RESOLVED", resolved.responsibility().name()};
        } else if (event instanceof GradeChangedEvent changed) {
            return new String[]{changed.to().compareTo(changed.from()) < 0 ? "GRADE_UP" : "GRADE_DOWN",
                    changed.to().name()};
        }
        return null;
    }
}
