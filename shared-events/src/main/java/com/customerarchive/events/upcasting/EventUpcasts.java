package com.customerarchive.events.upcasting;

import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Events stored in an older revision, read in the current one. The stored bytes never change (the hash chain covers
 * them); each reader turns an old event's JSON into the current shape before it deserializes it.
 * <ul>
 * <li>{@code ConsentRecordedEvent} 1 → 2: {@code "purpose": p} becomes {@code "purposes": [p]}.</li>
 * <li>{@code CustomerRegisteredEvent} 1 → 2: a registration from before review existed is approved, without a code
 * ({@code "admission": "APPROVED", "code": null}) until the admission migration codes it.</li>
 * <li>{@code PurchaseRecordedEvent} 1 → 2: a purchase from before shipments and collections were kept was settled
 * outside the ledger ({@code "onAccount": false}).</li>
 * </ul>
 */
public final class EventUpcasts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSENT = ConsentRecordedEvent.class.getName();
    private static final String REGISTERED = CustomerRegisteredEvent.class.getName();
    private static final String PURCHASED = com.customerarchive.events.PurchaseRecordedEvent.class.getName();

    private EventUpcasts() {
    }

    /** True when an event stored under this type and revision is read in another shape than stored. */
    public static boolean applies(String payloadType, String revision) {
        return (CONSENT.equals(payloadType) || REGISTERED.equals(payloadType) || PURCHASED.equals(payloadType))
                && "1".equals(revision);
    }

    /** The revision an event of this type and revision is read as. */
    public static String currentRevision(String payloadType, String revision) {
        return applies(payloadType, revision) ? "2" : revision;
    }

    /** The current shape of a stored event's JSON (the same node, changed, when it applies). */
    public static JsonNode upcast(String payloadType, String revision, JsonNode payload) {
        if (applies(payloadType, revision) && REGISTERED.equals(payloadType) && payload instanceof ObjectNode registered) {
            if (!registered.has("admission")) {
                registered.put("admission", AdmissionState.APPROVED.name());
            }
            if (!registered.has("code")) {
                registered.putNull("code");
            }
            return payload;
        }
        if (applies(payloadType, revision) && PURCHASED.equals(payloadType) && payload instanceof ObjectNode purchased) {
            if (!purchased.has("onAccount")) {
                purchased.put("onAccount", false);
            }
            return payload;
        }
        if (applies(payloadType, revision) && CONSENT.equals(payloadType) && payload instanceof ObjectNode consent) {
            JsonNode purpose = consent.remove("purpose");
            var purposes = consent.putArray("purposes");
            if (purpose != null && !purpose.isNull()) {
                purposes.add(purpose);
            }
        }
        return payload;
    }

    /** The same for stored bytes; bytes of an event that needs no upcast come back untouched. */
    public static byte[] upcast(String payloadType, String revision, byte[] payload) {
        if (!applies(payloadType, revision)) {
            return payload;
        }
        try {
            return JSON.writeValueAsBytes(upcast(payloadType, revision, JSON.readTree(payload)));
        } catch (IOException e) {
            throw new UncheckedIOException("stored event of " + payloadType + " revision " + revision + " not readable", e);
        }
    }
}
