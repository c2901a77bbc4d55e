package com.customerarchive.query.privacy;

import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerApprovedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerResubmittedEvent;
import com.customerarchive.events.CustomerReturnedEvent;
import com.customerarchive.events.ProfileChangeApprovedEvent;
import com.customerarchive.events.ProfileChangeProposedEvent;
import com.customerarchive.events.ProfileChangeRejectedEvent;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.MembershipCardCancelledEvent;
import com.customerarchive.events.MembershipCardIssuedEvent;
import com.customerarchive.events.MembershipCardReissuedEvent;
import com.customerarchive.events.MembershipCardRenewedEvent;
import com.customerarchive.events.MembershipCardReportedLostEvent;
import com.customerarchive.events.MembershipCardTierChangedEvent;
import com.customerarchive.events.MembershipCardUsedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.PersonalData;
import com.customerarchive.events.PersonalDataErasedEvent;
import com.customerarchive.events.PersonalDataFieldDestroyedEvent;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.ProfileReviewedEvent;
import com.customerarchive.events.PurchaseCancelledEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.ReferrerRecordedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.events.privacy.PersonalFields;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event types redaction knows, by the name the read models store them under, and what of each is personal:
 * the {@link PersonalData} parts of its class, or nothing. A type that is not here is redacted whole: a new event
 * type reads blanked in every read model until it is registered. Registering a type with personal parts as having
 * none, or the reverse, is refused.
 */
public final class RedactionRegistry {

    /** A registered type: its class, and whether it has personal parts to blank. */
    record Known(Class<?> type, boolean personal) {
    }

    /** Every event of the published language. */
    public static final RedactionRegistry EVENTS = new RedactionRegistry(Map.of())
            .personal("CustomerRegistered", CustomerRegisteredEvent.class)
            .personal("ProfileCardEdited", ProfileCardEditedEvent.class)
            .personal("VisitRecorded", VisitRecordedEvent.class)
            .personal("ReferrerRecorded", ReferrerRecordedEvent.class)
            .nothingPersonal("GradeChanged", GradeChangedEvent.class)
            .nothingPersonal("OwnerTransferred", OwnerTransferredEvent.class)
            .nothingPersonal("CustomerReturnedToPool", com.customerarchive.events.CustomerReturnedToPoolEvent.class)
            .nothingPersonal("CustomerClaimed", com.customerarchive.events.CustomerClaimedEvent.class)
            .nothingPersonal("CustomerAssigned", com.customerarchive.events.CustomerAssignedEvent.class)
            .nothingPersonal("CustomerLocked", com.customerarchive.events.CustomerLockedEvent.class)
            .nothingPersonal("CustomerUnlocked", com.customerarchive.events.CustomerUnlockedEvent.class)
            .nothingPersonal("CustomerTeamChanged", com.customerarchive.events.CustomerTeamChangedEvent.class)
            .nothingPersonal("ProfileReviewed", ProfileReviewedEvent.class)
            .nothingPersonal("ConsentRecorded", ConsentRecordedEvent.class)
            .nothingPersonal("CustomerArchived", CustomerArchivedEvent.class)
            .nothingPersonal("CustomerReactivated", CustomerReactivatedEvent.class)
            .nothingPersonal("CustomerMerged", com.customerarchive.events.CustomerMergedEvent.class)
            .nothingPersonal("PossibleDuplicateAccepted", com.customerarchive.events.PossibleDuplicateAcceptedEvent.class)
            .nothingPersonal("PersonalDataErased", PersonalDataErasedEvent.class)
            .nothingPersonal("PersonalDataFieldDestroyed", PersonalDataFieldDestroyedEvent.class)
            .nothingPersonal("ComplaintFiled", ComplaintFiledEvent.class)
            .nothingPersonal("ComplaintAssigned", ComplaintAssignedEvent.class)
            .nothingPersonal("ComplaintFollowedUp", ComplaintFollowedUpEvent.class)
            .nothingPersonal("ComplaintResolved", ComplaintResolvedEvent.class)
            .nothingPersonal("ComplaintReopened", ComplaintReopenedEvent.class)
            .nothingPersonal("ComplaintClosed", ComplaintClosedEvent.class)
            .nothingPersonal("PurchaseRecorded", PurchaseRecordedEvent.class)
            .nothingPersonal("PurchaseCancelled", PurchaseCancelledEvent.class)
            .nothingPersonal("ShipmentRecorded", com.customerarchive.events.ShipmentRecordedEvent.class)
            .nothingPersonal("CollectionRecorded", com.customerarchive.events.CollectionRecordedEvent.class)
            .nothingPersonal("CollectionReversed", com.customerarchive.events.CollectionReversedEvent.class)
            .nothingPersonal("CreditOverridden", com.customerarchive.events.CreditOverriddenEvent.class)
            .nothingPersonal("RouteAssigned", com.customerarchive.events.RouteAssignedEvent.class)
            .nothingPersonal("RemarkWritten", com.customerarchive.events.RemarkWrittenEvent.class)
            .nothingPersonal("RemarkAcknowledged", com.customerarchive.events.RemarkAcknowledgedEvent.class)
            .nothingPersonal("MembershipCardIssued", MembershipCardIssuedEvent.class)
            .nothingPersonal("MembershipCardUsed", MembershipCardUsedEvent.class)
            .nothingPersonal("MembershipCardRenewed", MembershipCardRenewedEvent.class)
            .nothingPersonal("MembershipCardTierChanged", MembershipCardTierChangedEvent.class)
            .nothingPersonal("MembershipCardReportedLost", MembershipCardReportedLostEvent.class)
            .nothingPersonal("MembershipCardReissued", MembershipCardReissuedEvent.class)
            .nothingPersonal("MembershipCardCancelled", MembershipCardCancelledEvent.class)
            .personal("ProfileChangeProposed", ProfileChangeProposedEvent.class)
            .nothingPersonal("ProfileChangeApproved", ProfileChangeApprovedEvent.class)
            .nothingPersonal("ProfileChangeRejected", ProfileChangeRejectedEvent.class)
            .nothingPersonal("CustomerApproved", CustomerApprovedEvent.class)
            .nothingPersonal("CustomerReturned", CustomerReturnedEvent.class)
            .nothingPersonal("CustomerResubmitted", CustomerResubmittedEvent.class);

    private final Map<String, Known> types;

    private RedactionRegistry(Map<String, Known> types) {
        this.types = Map.copyOf(types);
    }

    /** This registry and the type {@code name}, whose {@link PersonalData} parts are blanked. */
    public RedactionRegistry personal(String name, Class<?> type) {
        return with(name, type, true);
    }

    /** This registry and the type {@code name}, which holds nothing personal (its data is never blanked). */
    public RedactionRegistry nothingPersonal(String name, Class<?> type) {
        return with(name, type, false);
    }

    private RedactionRegistry with(String name, Class<?> type, boolean personal) {
        if (PersonalFields.holdsPersonal(type) != personal) {
            throw new IllegalArgumentException(type.getSimpleName() + (personal ? " holds nothing personal"
                    : " holds personal data"));
        }
        if (types.containsKey(name)) {
            throw new IllegalArgumentException(name + " is registered already");
        }
        Map<String, Known> more = new HashMap<>(types);
        more.put(name, new Known(type, personal));
        return new RedactionRegistry(more);
    }

    /** The type stored under {@code name}, if registered. */
    Optional<Known> find(String name) {
        return Optional.ofNullable(types.get(name));
    }
}
