package com.customerarchive.command.customer;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.card.CardFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What review asks of a card: the fields an approval needs ({@code archive.admission.required-fields}) and the signed
 * fields that change, once approved, only through a proposal a second person approves. A required field is a card
 * path, or {@code nature}; three paths mean more than filled in: {@code basic.phones} needs a phone with its area
 * code, {@code basic.industry} and {@code contacts} are asked of organisations only.
 */
public record AdmissionPolicy(boolean enabled, List<String> requiredFields, Set<String> signedFields) {

    public static final List<String> DEFAULT_REQUIRED = List.of("basic.name", "basic.address.city", "basic.phones",
            "nature", "basic.industry", "contacts");
    public static final Set<String> DEFAULT_SIGNED = Set.of("basic.legalName", "basic.taxNumber",
            "basic.licenceNumber", "basic.legalRepresentative", "payment.paymentTerms", "payment.creditLimit",
            "payment.terms", "payment.creditLimits");

    /**
     * Fields whose change on an approved card is always a proposal a second manager approves, whatever the
     * configuration (DOMAIN.md: terms and limits change only with a manager's approval).
     */
    public static final Set<String> ALWAYS_SIGNED = Set.of("payment.terms", "payment.creditLimits");

    /** The signed fields of an edit: the configured ones while review is on, and {@link #ALWAYS_SIGNED} always. */
    public static Set<String> signedOf(boolean reviewOn, Set<String> configured) {
        Set<String> signed = new java.util.TreeSet<>(ALWAYS_SIGNED);
        if (reviewOn) {
            signed.addAll(configured);
        }
        return signed;
    }

    private static final Set<String> ORGANISATIONS_ONLY = Set.of("basic.industry", "contacts");

    public AdmissionPolicy {
        requiredFields = requiredFields == null ? DEFAULT_REQUIRED : List.copyOf(requiredFields);
        signedFields = signedFields == null ? DEFAULT_SIGNED : Set.copyOf(signedFields);
    }

    /** Review on, the defaults of the issue. */
    public static AdmissionPolicy defaults() {
        return new AdmissionPolicy(true, DEFAULT_REQUIRED, DEFAULT_SIGNED);
    }

    /** The required fields the card lacks, in the configured order. */
    public List<String> missing(CustomerKind kind, CustomerNature nature, ProfileCard card) {
        Map<String, Object> filled = CardFields.of(card);
        List<String> missing = new ArrayList<>();
        for (String field : requiredFields) {
            if (ORGANISATIONS_ONLY.contains(field) && kind != CustomerKind.ORGANIZATION) {
                continue;
            }
            boolean present = switch (field) {
                case "nature" -> nature != null;
                case "basic.phones" -> card != null && card.basic() != null && card.basic().phones() != null
                        && card.basic().phones().stream().anyMatch(AdmissionPolicy::hasAreaCode);
                default -> filled.keySet().stream().anyMatch(path -> path.equals(field) || path.startsWith(field + "."));
            };
            if (!present) {
                missing.add(field);
            }
        }
        return missing;
    }

    public boolean signed(String field) {
        return signed(signedFields, field);
    }

    /** Whether a card path is signed: named itself, or part of a signed value ("payment.terms.days" of "payment.terms"). */
    public static boolean signed(java.util.Collection<String> signedFields, String field) {
        for (String signed : signedFields) {
            if (field.equals(signed) || field.startsWith(signed + ".")) {
                return true;
            }
        }
        return false;
    }

    /** A landline written with its area code (0571-…, or +86 571 …); a mobile number has none. */
    static boolean hasAreaCode(String phone) {
        return PhoneNumbers.landlineWithAreaCode(phone);
    }
}
