package com.customerarchive.events.upcasting;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/** {@link EventUpcasts} for Axon's event stores: an aggregate or an as-of view sourced from old events. */
public class ArchiveUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return EventUpcasts.applies(representation.getType().getName(), representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        String revision = representation.getType().getRevision();
        return representation.upcastPayload(new SimpleSerializedType(type, EventUpcasts.currentRevision(type, revision)),
                byte[].class, stored -> EventUpcasts.upcast(type, revision, stored));
    }
}
