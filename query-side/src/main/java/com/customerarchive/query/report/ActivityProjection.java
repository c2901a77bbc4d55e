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
import com.customerarchive.query.pass.SqlArrays;
import com.customerarchive.query.pass.Tables;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What each rep's customers saw happen: one row per visit, complaint filed or resolved, grade up or down, counted
 * for the customer's owner at that moment. Rows are keyed by (customer, sequence): applied twice, added once.
 */
@Component
class ActivityProjection implements ReadModel {

    static final String NAME = "activity";
    static final String ACTIVITY = "activity";
    static final String OWNERS = "activity_owner";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    ActivityProjection(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
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
    public void apply(List<PassEvent> events, Tables tables) {
        Set<UUID> customers = events.stream().map(PassEvent::customerId).collect(Collectors.toSet());
        Map<UUID, Owner> owners = new HashMap<>();
        jdbc.sql("SELECT customer_id, owner_id, grade FROM " + tables.of(OWNERS) + " WHERE customer_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(customers))
                .query((row, n) -> owners.put(row.getObject("customer_id", UUID.class),
                        new Owner(row.getString("owner_id"), row.getString("grade"))))
                .list();
        Map<UUID, Owner> changedOwners = new LinkedHashMap<>();
        List<SqlParameterSource> activity = new ArrayList<>();
        for (PassEvent passEvent : events) {
            CustomerEvent event = passEvent.event();
            UUID customerId = passEvent.customerId();
            if (event instanceof CustomerRegisteredEvent registered) {
                Owner owner = new Owner(registered.ownerId(), registered.grade().name());
                if (owners.putIfAbsent(customerId, owner) == null) {
                    changedOwners.put(customerId, owner);
                }
                continue;
            }
            if (event instanceof OwnerTransferredEvent transferred && owners.containsKey(customerId)) {
                Owner owner = new Owner(transferred.to(), owners.get(customerId).grade());
                owners.put(customerId, owner);
                changedOwners.put(customerId, owner);
                continue;
            }
            String[] kindAndDetail = kindAndDetail(event);
            Owner owner = owners.get(customerId);
            if (kindAndDetail != null && owner != null) {
                activity.add(new MapSqlParameterSource()
                        .addValue("id", customerId).addValue("sequence", passEvent.sequence())
                        .addValue("at", Timestamp.from(passEvent.context().occurredAt()))
                        .addValue("owner", owner.ownerId()).addValue("kind", kindAndDetail[0])
                        .addValue("detail", kindAndDetail[1]));
            }
        }
        if (!changedOwners.isEmpty()) {
            batches.batchUpdate("INSERT INTO " + tables.of(OWNERS) + " (customer_id, owner_id, grade) "
                            + "VALUES (:id, :owner, :grade) ON CONFLICT (customer_id) DO UPDATE SET owner_id = EXCLUDED.owner_id",
                    changedOwners.entrySet().stream().map(entry -> new MapSqlParameterSource()
                                    .addValue("id", entry.getKey()).addValue("owner", entry.getValue().ownerId())
                                    .addValue("grade", entry.getValue().grade()))
                            .toArray(SqlParameterSource[]::new));
        }
        if (!activity.isEmpty()) {
            batches.batchUpdate("INSERT INTO " + tables.of(ACTIVITY) + " (customer_id, sequence, occurred_at, "
                            + "owner_id, kind, detail) VALUES (:id, :sequence, :at, :owner, :kind, :detail) "
                            + "ON CONFLICT (customer_id, sequence) DO NOTHING",
                    activity.toArray(SqlParameterSource[]::new));
        }
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
