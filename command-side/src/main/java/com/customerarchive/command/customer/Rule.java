package com.customerarchive.command.customer;

/** The business rules a change can break; each refusal names one (its code is the problem type). */
public enum Rule {
    CUSTOMER_ID_TAKEN("customer-id-taken", "Customer id already used",
            "Another registration used this customer id; a repeat must send the same body."),
    CUSTOMER_ARCHIVED("customer-archived", "Customer is archived",
            "An archived customer accepts only reactivation."),
    CUSTOMER_NOT_ARCHIVED("customer-not-archived", "Customer is not archived",
            "Only an archived customer can be reactivated."),
    PERSONAL_DATA_ERASED("personal-data-erased", "Personal data erased",
            "The customer's personal data was erased at its request; its record accepts no further change."),
    SAME_GRADE("same-grade", "Same grade", "The customer already has this grade."),
    REASON_REQUIRED("reason-required", "Reason required", "This change must say why it is made."),
    SAME_OWNER("same-owner", "Same owner", "The customer already belongs to this sales rep."),
    COMPLAINT_NOT_ASSIGNED("complaint-not-assigned", "Complaint not assigned",
            "A complaint is resolved only after someone has been made responsible for it."),
    COMPLAINT_ALREADY_RESOLVED("complaint-already-resolved", "Complaint already resolved",
            "A resolved complaint is not assigned or resolved again unless it is reopened."),
    COMPLAINT_NOT_RESOLVED("complaint-not-resolved", "Complaint not resolved",
            "The return visit follows the resolution, once."),
    COMPLAINT_NOT_FOLLOWED_UP("complaint-not-followed-up", "Complaint not followed up",
            "A complaint is closed only after its return visit."),
    COMPLAINT_STILL_OPEN("complaint-still-open", "Complaint still open",
            "Only a resolved, followed-up or closed complaint can be reopened."),
    SATISFACTION_OUT_OF_RANGE("satisfaction-out-of-range", "Satisfaction out of range",
            "Satisfaction after a return visit is a whole number from 1 to 5."),
    ORDER_REF_TAKEN("order-ref-taken", "Order reference already used",
            "The customer already has a purchase with this order reference; a repeat must send the same purchase."),
    PURCHASE_ALREADY_CANCELLED("purchase-already-cancelled", "Purchase already cancelled",
            "A purchase is cancelled once."),
    SELF_REFERRAL("self-referral", "Self-referral", "A customer cannot have referred itself."),
    UNKNOWN_REFERRER("unknown-referrer", "Unknown referrer", "The referrer must be a customer of the archive."),
    MEMBERSHIP_CARD_HELD("membership-card-held", "A card is already held",
            "A customer holds at most one live membership card; cancel it, or reissue a lost one."),
    IDENTITY_NOT_CHECKED("identity-not-checked", "Identity not checked",
            "A membership card is issued only after the holder's identity document was checked."),
    NO_MEMBERSHIP_CARD("no-membership-card", "No membership card", "The customer holds no membership card."),
    MEMBERSHIP_CARD_NOT_LIVE("membership-card-not-live", "Card not live",
            "Only a live card is renewed, moved to another tier or reported lost; a cancelled card takes no change."),
    RENEWAL_NOT_EXTENDING("renewal-not-extending", "Renewal not extending", "A renewal must end after the current end date."),
    SAME_MEMBERSHIP_TIER("same-membership-tier", "Same tier", "The card already has this tier."),
    MEMBERSHIP_CARD_NOT_LOST("membership-card-not-lost", "Card not lost",
            "Only a card reported lost, or one whose validity has passed, is reissued."),
    MEMBERSHIP_CARD_REPORTED_LOST("membership-card-reported-lost", "Card reported lost",
            "The card was reported lost; its number is blocked."),
    MEMBERSHIP_CARD_CANCELLED("membership-card-cancelled", "Card cancelled", "The card was cancelled."),
    MEMBERSHIP_CARD_REPLACED("membership-card-replaced", "Card replaced",
            "The card was replaced by a new number; this number is dead for good."),
    MEMBERSHIP_CARD_OUTSIDE_VALIDITY("membership-card-outside-validity", "Card outside its validity",
            "The card is used only between its first and last day of validity."),
    VALIDITY_NOT_AHEAD("validity-not-ahead", "Validity not ahead", "A card's end date lies after the day it is issued."),
    REVIEWER_IS_AUTHOR("reviewer-is-author", "Reviewer is the author",
            "A card is reviewed, and a proposal decided, by a manager other than the one who made or last edited it."),
    CUSTOMER_NOT_APPROVED("customer-not-approved", "Customer not approved",
            "Purchases, membership cards and referrals wait until a manager has approved the customer's card."),
    NOT_PENDING_REVIEW("admission-not-pending", "Card not waiting for review",
            "Only a card waiting for review is approved or returned; a returned card is resubmitted first."),
    NOT_RETURNED("admission-not-returned", "Card not returned", "Only a returned card is resubmitted for review."),
    REQUIRED_FIELDS_MISSING("required-fields-missing", "Required fields missing",
            "The card lacks fields an approval requires."),
    RETURN_REASONS_REQUIRED("return-reasons-required", "Reasons required",
            "A returned card says, field by field, what is wrong."),
    CUSTOMER_MERGED("customer-merged", "Customer merged",
            "The customer was merged into another as its duplicate and is read-only; write to the customer it was merged into."),
    MERGE_INTO_ITSELF("merge-into-itself", "Merge into itself", "A customer is merged into another customer, not into itself."),
    MERGE_TARGET_MERGED("merge-target-merged", "Target already merged",
            "The target was itself merged into another customer; merge into that one."),
    MERGE_TARGET_ARCHIVED("merge-target-archived", "Target archived",
            "A customer is not merged into an archived one; reactivate the target first."),
    MERGE_TARGET_ERASED("merge-target-erased", "Target erased",
            "A customer is not merged into one whose personal data was erased."),
    DUPLICATE_HAS_OPEN_COMPLAINTS("duplicate-has-open-complaints", "Duplicate has open complaints",
            "A duplicate is merged once its complaints are closed: a merged customer takes no further step on them."),
    MERGE_ACROSS_KINDS("merge-across-kinds", "Merge across kinds",
            "A person is not merged into an organisation, nor an organisation into a person."),
    OWNER_CHANGED("owner-changed", "Owner changed",
            "The customer no longer belongs to the owner the handover takes it from: it stays with its new owner."),
    UNIT_CODE_TAKEN("unit-code-taken", "Unit code taken", "Another unit has this code; a unit's code is never reused."),
    COMPANY_EXISTS("company-exists", "Company exists",
            "The organisation has one company at the top; every other unit names its parent."),
    UNKNOWN_UNIT("unknown-unit", "Unknown unit", "No unit of the organisation has this code."),
    UNIT_CLOSED("unit-closed", "Unit closed", "A closed unit takes no members, units or changes."),
    UNIT_NOT_EMPTY("unit-not-empty", "Unit not empty",
            "A unit closes once it has no members (and so no customers) and no open unit below it."),
    UNIT_MOVED_BELOW_ITSELF("unit-moved-below-itself", "Unit moved below itself",
            "A unit does not move under itself or a unit below it."),
    UNKNOWN_POOL("unknown-pool", "Unknown pool", "No public pool has this id."),
    NOT_IN_POOL("not-in-pool", "Not in the pool", "The customer has a rep; only a customer in the public pool is claimed."),
    ALREADY_CLAIMED("already-claimed", "Already claimed",
            "Another rep claimed or was assigned the customer first; it is no longer in the pool."),
    ALREADY_IN_POOL("already-in-pool", "Already in the pool", "The customer is in the public pool already."),
    NOT_POOL_MEMBER("not-pool-member", "Not a member of the pool",
            "Only a member of the pool's units sees and claims the customers in it."),
    OWNER_CAP_REACHED("owner-cap-reached", "Owner cap reached",
            "The rep owns as many customers as its pool allows (库容); one must go before another comes."),
    CLAIM_CAP_REACHED("claim-cap-reached", "Claim cap reached", "The rep claimed as many customers today as its pool allows."),
    LOCK_CAP_REACHED("lock-cap-reached", "Lock cap reached", "The rep locked as many customers as its pool allows."),
    PREVIOUS_OWNER_WAIT("previous-owner-wait", "Previous owner waits",
            "The customer went back to the pool from this rep; the rep waits the pool's days before claiming it again."),
    CUSTOMER_LOCKED("customer-locked", "Customer locked",
            "The customer is locked against the pool; its owner unlocks it before it is released."),
    NOT_LOCKED("not-locked", "Not locked", "The customer is not locked."),
    NO_POOL("no-pool", "No pool", "No public pool covers the unit of the customer's owner."),
    OWNER_IN_TEAM("owner-in-team", "Owner in the team", "The owner answers for the customer; the team names the colleagues beside it."),
    CREDIT_LIMIT_EXCEEDED("credit-limit-exceeded", "Credit limit exceeded",
            "The purchase would take the customer's open receivables and open orders past its credit limit in that currency."),
    CREDIT_HOLD("credit-hold", "Credit hold",
            "The customer has receivables more than 90 days past due; purchases wait until they are collected."),
    OVER_SHIPMENT("over-shipment", "More than ordered",
            "A purchase is never shipped beyond what was ordered, in quantity or in amount."),
    PURCHASE_CANCELLED("purchase-cancelled", "Purchase cancelled", "A cancelled purchase is not shipped."),
    SHIPMENT_REF_TAKEN("shipment-ref-taken", "Shipment reference already used",
            "The reference names another shipment of the customer, with other figures."),
    COLLECTION_REF_TAKEN("collection-ref-taken", "Collection reference already used",
            "The reference names another collection of the customer, with other figures."),
    ALLOCATION_INVALID("allocation-invalid", "Allocation does not fit",
            "A collection settles open receivables of the customer in its own currency, no more than is open and no more than it brings."),
    COLLECTION_ALREADY_REVERSED("collection-already-reversed", "Collection already reversed",
            "The collection was reversed already.");

    private final String code;
    private final String title;
    private final String description;

    Rule(String code, String title, String description) {
        this.code = code;
        this.title = title;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
