package com.customerarchive.command.web;

import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.ProblemResponses;
import com.customerarchive.command.customer.CardChanges;
import com.customerarchive.command.customer.CardPatch;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.card.CardFields;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the body of a card edit: a merge patch of the card (plus an optional top-level {@code occurredAt}),
 * checked at the edge for unknown fields, types, sizes and formats before any command is sent.
 */
@Component
public class CardPatchReader {

    private static final JsonMapper PLAIN = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The card's purchase figures (first trade, frequency, last purchase, total) come from purchase events only. */
    private static final String DERIVED_SECTION = "purchase";
    /** The card's values as the event store reads them: exact decimals, ISO dates, nothing unknown. */
    private static final ObjectMapper VALUES = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
            Map<String, RecordComponent> components = new LinkedHashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.put(component.getName(), component);
            }
            return components;
        }
    };

    private final Validator validator;
    private final Clock clock;
    private final java.util.List<String> ratings;

    CardPatchReader(Validator validator, Clock clock,
                    @org.springframework.beans.factory.annotation.Value("${archive.credit.ratings:AAA,AA,A,B,C}")
                    java.util.List<String> ratings) {
        this.validator = validator;
        this.clock = clock;
        this.ratings = java.util.List.copyOf(ratings);
    }

    /**
     * The payment section as the rules read it: the rating one of {@code archive.credit.ratings}, the terms whole
     * (kind with its days or day), each limit keyed by an ISO 4217 code, not negative, to the cent.
     */
    public void checkPayment(com.customerarchive.events.PaymentSection payment, String prefix,
                             List<ProblemResponses.FieldError> errors) {
        if (payment == null) {
            return;
        }
        if (payment.creditRating() != null && !ratings.contains(payment.creditRating())) {
            errors.add(new ProblemResponses.FieldError(prefix + "payment.creditRating", "must be one of " + ratings
                    + " (archive.credit.ratings)"));
        }
        if (payment.terms() != null && payment.terms().problem() != null) {
            errors.add(new ProblemResponses.FieldError(prefix + "payment.terms", payment.terms().problem()));
        }
        if (payment.creditLimits() != null) {
            payment.creditLimits().forEach((currency, limit) -> {
                if (!Currencies.isIso4217(currency)) {
                    errors.add(new ProblemResponses.FieldError(prefix + "payment.creditLimits." + currency,
                            "must be keyed by an ISO 4217 code such as CNY"));
                } else if (limit == null || limit.signum() < 0 || limit.scale() > 2 || limit.precision() - limit.scale() > 15) {
                    errors.add(new ProblemResponses.FieldError(prefix + "payment.creditLimits." + currency,
                            "must be an amount of 0 or more, to the cent"));
                }
            });
        }
    }

    /** A registration's card checked as an edit's is: {@link #checkPayment}. */
    public void checkRegistered(ProfileCard card) {
        List<ProblemResponses.FieldError> errors = new ArrayList<>();
        checkPayment(card == null ? null : card.payment(), "card.", errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }


    /** A registration's card may not carry the purchase figures either. */
    public static void refuseDerivedFields(ProfileCard card) {
        if (card != null && card.purchase() != null) {
            List<ProblemResponses.FieldError> errors = CardFields.of(card).keySet().stream()
                    .filter(field -> field.startsWith(DERIVED_SECTION + "."))
                    .map(field -> derivedField("card." + field)).toList();
            throw new InvalidRequestException(errors.isEmpty() ? List.of(derivedField("card." + DERIVED_SECTION)) : errors);
        }
    }

    private static ProblemResponses.FieldError derivedField(String field) {
        return new ProblemResponses.FieldError(field, "derived from the customer's purchases: record them with "
                + "POST /api/customers/{id}/purchases");
    }

    public Read read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(List.of(
                    new ProblemResponses.FieldError("body", "must be a JSON object: the card fields to change")));
        }
        ObjectNode card = ((ObjectNode) body).deepCopy();
        JsonNode occurredAtNode = card.remove("occurredAt");
        List<ProblemResponses.FieldError> errors = new ArrayList<>();
        Instant occurredAt = occurredAt(occurredAtNode, errors);

        @SuppressWarnings("unchecked")
        Map<String, Object> merge = PLAIN.treeToValue(card, Map.class);
        CardPatch patch = new CardPatch(merge);
        Object derived = merge.remove(DERIVED_SECTION);
        if (derived != null || card.has(DERIVED_SECTION)) {
            if (derived instanceof Map<?, ?> fields && !fields.isEmpty()) {
                fields.keySet().forEach(field -> errors.add(derivedField(DERIVED_SECTION + "." + field)));
            } else {
                errors.add(derivedField(DERIVED_SECTION));
            }
        }
        ProfileCard partial = fitting(merge, errors);
        Class<?>[] groups = setsName(merge) ? new Class<?>[]{Default.class, CompleteCard.class}
                : new Class<?>[]{Default.class};
        if (partial != null) {
            checkPayment(partial.payment(), "", errors);
        }
        Set<ConstraintViolation<ProfileCard>> violations = validator.validate(partial, groups);
        violations.forEach(violation -> errors.add(
                new ProblemResponses.FieldError(violation.getPropertyPath().toString(), violation.getMessage())));
        if (setsName(merge) && !(nameValue(merge) instanceof String)) {
            errors.add(new ProblemResponses.FieldError("basic.name", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(ProblemResponses.FieldError::field));
            throw new InvalidRequestException(errors.stream().distinct().toList());
        }
        return new Read(patch, occurredAt);
    }

    private Instant occurredAt(JsonNode node, List<ProblemResponses.FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new ProblemResponses.FieldError("occurredAt", "must be an ISO-8601 instant"));
            return null;
        }
        try {
            Instant value = Instant.parse(node.asString());
            if (value.isAfter(clock.instant())) {
                errors.add(new ProblemResponses.FieldError("occurredAt", "must be a date in the past or in the present"));
            }
            return value;
        } catch (DateTimeParseException | UnsupportedOperationException e) {
            errors.add(new ProblemResponses.FieldError("occurredAt", "must be an ISO-8601 instant"));
            return null;
        }
    }

    /**
     * The patch as a partial card, read in one walk along the card's records: each field that is not on the card,
     * or holds a value the field does not take, is reported and left out, so that one answer names every bad field.
     */
    private static ProfileCard fitting(Map<String, Object> merge, List<ProblemResponses.FieldError> errors) {
        Map<String, Object> fitting = fitting(merge, ProfileCard.class, "", errors);
        try {
            return CardChanges.mergeIntoBlank(new CardPatch(fitting));
        } catch (IllegalArgumentException notACard) {
            errors.add(new ProblemResponses.FieldError("body", "not a card the archive can read"));
            return CardChanges.mergeIntoBlank(new CardPatch(Map.of()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fitting(Map<String, Object> patch, Class<?> section, String prefix,
            List<ProblemResponses.FieldError> errors) {
        Map<String, RecordComponent> fields = COMPONENTS.get(section);
        Map<String, Object> fitting = new LinkedHashMap<>();
        patch.forEach((name, value) -> {
            String path = prefix + name;
            RecordComponent field = fields.get(name);
            if (field == null) {
                errors.add(new ProblemResponses.FieldError(path, "not a field of the card"));
            } else if (value == null) {
                fitting.put(name, null);
            } else if (field.getType().isRecord()) {
                if (value instanceof Map<?, ?> part) {
                    fitting.put(name, fitting((Map<String, Object>) part, field.getType(), path + ".", errors));
                } else {
                    errors.add(new ProblemResponses.FieldError(path, "must be an object with the fields of " + name));
                }
            } else {
                try {
                    VALUES.convertValue(value, VALUES.constructType(field.getGenericType()));
                    fitting.put(name, value);
                } catch (IllegalArgumentException notThisType) {
                    errors.add(new ProblemResponses.FieldError(path + inner(notThisType), "not a value this field takes"));
                }
            }
        });
        return fitting;
    }

    /** Where inside a list or a value the conversion failed, e.g. {@code [0].role}; empty at the value itself. */
    private static String inner(IllegalArgumentException notThisType) {
        for (Throwable cause = notThisType; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining());
            }
        }
        return "";
    }

    private static boolean setsName(Map<String, Object> merge) {
        return merge.get("basic") instanceof Map<?, ?> basic && basic.containsKey("name");
    }

    private static Object nameValue(Map<String, Object> merge) {
        return ((Map<?, ?>) merge.get("basic")).get("name");
    }

    /** A card edit as read: the patch and when the change happened (null: now). */
    public record Read(CardPatch patch, Instant occurredAt) {
    }
}
