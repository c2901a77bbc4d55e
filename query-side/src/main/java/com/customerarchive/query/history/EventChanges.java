package com.customerarchive.query.history;

import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of a customer's profile an event changed, old and new value: the card's fields, and
 * {@code grade}, {@code ownerId} and {@code status}. A registration sets every field it fills in.
 */
public final class EventChanges {

    private static final ObjectMapper TREE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private EventChanges() {
    }

    public static List<FieldChange> of(Object event) {
        if (event instanceof ProfileCardEditedEvent edited) {
            return edited.changes();
        }
        if (event instanceof GradeChangedEvent changed) {
            return List.of(new FieldChange("grade", changed.from().name(), changed.to().name()));
        }
        if (event instanceof OwnerTransferredEvent transferred) {
            return List.of(new FieldChange("ownerId", transferred.from(), transferred.to()));
        }
        if (event instanceof CustomerArchivedEvent) {
            return List.of(new FieldChange("status", CustomerStatus.ACTIVE.name(), CustomerStatus.ARCHIVED.name()));
        }
        if (event instanceof CustomerReactivatedEvent) {
            return List.of(new FieldChange("status", CustomerStatus.ARCHIVED.name(), CustomerStatus.ACTIVE.name()));
        }
        if (event instanceof CustomerRegisteredEvent registered) {
            List<FieldChange> changes = new ArrayList<>();
            changes.add(new FieldChange("grade", null, registered.grade().name()));
            changes.add(new FieldChange("ownerId", null, registered.ownerId()));
            changes.add(new FieldChange("status", null, CustomerStatus.ACTIVE.name()));
            @SuppressWarnings("unchecked")
            Map<String, Object> card = TREE.convertValue(registered.card(), Map.class);
            leaves(card, "")
                    .forEach((path, value) -> changes.add(new FieldChange(path, null, value)));
            return changes;
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leaves(Map<String, Object> tree, String prefix) {
        Map<String, Object> leaves = new TreeMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section) {
                leaves.putAll(leaves((Map<String, Object>) section, prefix + key + "."));
            } else {
                leaves.put(prefix + key, value);
            }
        });
        return leaves;
    }
}
