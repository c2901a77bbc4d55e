package com.customerarchive.query.report;

import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.pass.Rows;
import com.customerarchive.query.pass.Tables;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
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

    private static final int HELD_ROWS = 200_000;
    private static final List<Column> COLUMNS = List.of(Column.of("customer_id"), Column.of("sequence"),
            Column.of("occurred_at"), Column.of("owner_id"), Column.of("kind"), Column.of("detail"));

    private final RowAppender appender;
    private final OwnerRepository ownerRepository;

    ActivityProjection(RowAppender appender, OwnerRepository ownerRepository) {
        this.appender = appender;
        this.ownerRepository = ownerRepository;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(ACTIVITY);
    }

    @Override
    public Writer writer(Tables tables) {
        // each customer's owner as the events applied made it; one not held is read as it was before its first event
        // of the batch (the owners' timeline may already hold the batch's own transfers)
        Rows<UUID, String> owners = new Rows<>(HELD_ROWS, tables);
        List<Object[]> activity = new ArrayList<>();
        return new Writer() {
            @Override
            public void apply(List<PassEvent> events) {
                Map<UUID, Long> firstOfBatch = new HashMap<>();
                List<UUID> counted = new ArrayList<>();
                for (PassEvent event : events) {
                    firstOfBatch.putIfAbsent(event.customerId(), event.sequence());
                    if (kindAndDetail(event.event()) != null) {
                        counted.add(event.customerId());
                    }
                }
                owners.load(counted, ids -> ownerRepository.ownersBefore(ids, id -> firstOfBatch.get(id)));
                for (PassEvent passEvent : events) {
                    CustomerEvent event = passEvent.event();
                    UUID customerId = passEvent.customerId();
                    if (event instanceof CustomerRegisteredEvent registered) {
                        if (owners.get(customerId) == null) {
                            owners.put(customerId, registered.ownerId());
                        }
                    } else if (event instanceof OwnerTransferredEvent moved) {
                        owners.put(customerId, moved.to());
                    } else {
                        String[] kindAndDetail = kindAndDetail(event);
                        String owner = owners.get(customerId);
                        if (kindAndDetail != null && owner != null) {
                            activity.add(new Object[]{customerId, passEvent.sequence(),
                                    passEvent.context().occurredAt(), owner, kindAndDetail[0], kindAndDetail[1]});
                        }
                    }
                }
            }

            @Override
            public void flush() {
                appender.append(tables, ACTIVITY, COLUMNS, "customer_id, sequence", activity);
                owners.flushed();
                activity.clear();
            }
        };
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
