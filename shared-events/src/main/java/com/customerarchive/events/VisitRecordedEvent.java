package com.customerarchive.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** A visit, call or other contact with the customer (拜访记录), numbered per customer; the last contact that the follow-up cadence counts from. */
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
        LocalDate nextFollowUpOn) implements CustomerEvent {
}
