package com.customerarchive.events;

import org.axonframework.serialization.Revision;

/**
 * A customer entered the archive; the first event of its stream. Revision 2 adds where its card stands in review
 * ({@code admission}) and its {@code code} when it was approved at once (the gate off); a revision 1 registration,
 * made before review existed, reads as approved without a code.
 */
@Revision("2")
public record CustomerRegisteredEvent(
        CustomerId customerId,
        CustomerKind kind,
        CustomerNature nature,
        CustomerTier tier,
        InformationSource source,
        Grade grade,
        String ownerId,
        ProfileCard card,
        AdmissionState admission,
        String code) implements CustomerEvent {

    /** A registration approved without a code: as every registration before review existed. */
    public CustomerRegisteredEvent(CustomerId customerId, CustomerKind kind, CustomerNature nature, CustomerTier tier,
                                   InformationSource source, Grade grade, String ownerId, ProfileCard card) {
        this(customerId, kind, nature, tier, source, grade, ownerId, card, AdmissionState.APPROVED, null);
    }

    /** Null (stored before review existed, read without the upcast) means approved. */
    public AdmissionState admissionState() {
        return admission == null ? AdmissionState.APPROVED : admission;
    }
}
