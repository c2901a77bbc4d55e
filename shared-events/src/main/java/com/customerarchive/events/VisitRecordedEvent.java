package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A visit, call or other contact with the customer (拜访记录), numbered per customer; the last contact that the
 * follow-up cadence counts from. An outlet's visit may carry a store check (the route card's shelf, per product).
 */
@Revision("1")
public record VisitRecordedEvent(
        CustomerId customerId,
        int visitNo,
        Instant visitedAt,
        VisitMethod method,
        VisitContact contact,
        Grade gradeAtVisit,
        String notes,
        String conclusion,
        LocalDate nextFollowUpOn,
        List<StoreCheckLine> storeCheck) implements CustomerEvent {

    /** No store check is null (and left out of the stored JSON), as every visit before the route card. */
    public VisitRecordedEvent {
        storeCheck = storeCheck == null || storeCheck.isEmpty() ? null : List.copyOf(storeCheck);
    }

    /** A visit without a store check. */
    public VisitRecordedEvent(CustomerId customerId, int visitNo, Instant visitedAt, VisitMethod method,
                              VisitContact contact, Grade gradeAtVisit, String notes, String conclusion,
                              LocalDate nextFollowUpOn) {
        this(customerId, visitNo, visitedAt, method, contact, gradeAtVisit, notes, conclusion, nextFollowUpOn, null);
    }
}
