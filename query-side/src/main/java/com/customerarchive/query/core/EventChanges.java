package com.customerarchive.query.core;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerApprovedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerResubmittedEvent;
import com.customerarchive.events.CustomerReturnedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerChange;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.card.CardFields;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a customer's profile an event changed, old and new value: the card's fields, and
 * {@code grade}, {@code ownerId} and {@code status}. A registration sets every field it fills in.
 */
public final class EventChanges {

    /** The field an owner transfer changes. */
    public static final String OWNER = "ownerId";
    /** Where the card stands in review, and the customer's code. */
    public static final String ADMISSION = "admission";
    public static final String CODE = "code";

    private EventChanges() {
    }

    public static List<FieldChange> of(Object event) {
        if (event instanceof ProfileCardEditedEvent edited) {
            return edited.changes();
        }
        if (event instanceof GradeChangedEvent changed) {
            return List.of(new FieldChange("grade", changed.from().name(), changed.to().name()));
        }
        if (event instanceof OwnerChange change) {
            return List.of(new FieldChange(OWNER, change.previousOwnerId(), change.newOwnerId()));
        }
        if (event instanceof CustomerArchivedEvent) {
            return List.of(new FieldChange("status", CustomerStatus.ACTIVE.name(), CustomerStatus.ARCHIVED.name()));
        }
        if (event instanceof CustomerReactivatedEvent) {
            return List.of(new FieldChange("status", CustomerStatus.ARCHIVED.name(), CustomerStatus.ACTIVE.name()));
        }
        if (event instanceof CustomerApprovedEvent approved) {
            // the migration codes a customer that was approved before review existed
            return approved.migrated() ? List.of(new FieldChange(CODE, null, approved.code()))
                    : List.of(new FieldChange(ADMISSION, AdmissionState.PENDING_REVIEW.name(), AdmissionState.APPROVED.name()),
                    new FieldChange(CODE, null, approved.code()));
        }
        if (event instanceof CustomerReturnedEvent) {
            return List.of(new FieldChange(ADMISSION, AdmissionState.PENDING_REVIEW.name(), AdmissionState.RETURNED.name()));
        }
        if (event instanceof CustomerResubmittedEvent) {
            return List.of(new FieldChange(ADMISSION, AdmissionState.RETURNED.name(), AdmissionState.PENDING_REVIEW.name()));
        }
        if (event instanceof com.customerarchive.events.CustomerMergedEvent merged) {
            return List.of(new FieldChange("mergedInto", null, merged.mergedInto().toString()));
        }
        if (event instanceof CustomerRegisteredEvent registered) {
            List<FieldChange> changes = new ArrayList<>();
            changes.add(new FieldChange("grade", null, registered.grade().name()));
            changes.add(new FieldChange(OWNER, null, registered.ownerId()));
            changes.add(new FieldChange("status", null, CustomerStatus.ACTIVE.name()));
            CardFields.of(registered.card()).forEach((path, value) -> changes.add(new FieldChange(path, null, value)));
            return changes;
        }
        return List.of();
    }
}
