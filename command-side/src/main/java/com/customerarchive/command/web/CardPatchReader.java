package com.customerarchive.command.web;

import com.customerarchive.command.customer.CardChanges;
import com.customerarchive.command.customer.CardPatch;
import com.customerarchive.events.ProfileCard;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
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

    private static final int MAX_UNFIT_FIELDS = 50;

    private final Validator validator;
    private final Clock clock;

    CardPatchReader(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
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
        ProfileCard partial = fitting(merge, errors);
        Class<?>[] groups = setsName(merge) ? new Class<?>[]{Default.class, CompleteCard.class}
                : new Class<?>[]{Default.class};
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
     * The patch as a partial card; each field that is not on the card, or holds a value the field does not
     * take, is reported and left out, so that one answer names every bad field.
     */
    private static ProfileCard fitting(Map<String, Object> merge, List<ProblemResponses.FieldError> errors) {
        Map<String, Object> remaining = deepCopy(merge);
        for (int attempt = 0; attempt < MAX_UNFIT_FIELDS; attempt++) {
            try {
                return CardChanges.mergeIntoBlank(new CardPatch(remaining));
            } catch (IllegalArgumentException notACard) {
                List<Object> path = unfitPath(notACard);
                errors.add(new ProblemResponses.FieldError(dotted(path), "not a field of the card, or not a value it takes"));
                if (path.isEmpty() || !remove(remaining, path)) {
                    break;
                }
            }
        }
        return CardChanges.mergeIntoBlank(new CardPatch(Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        tree.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> child
                ? deepCopy((Map<String, Object>) child) : value instanceof List<?> list ? new ArrayList<>(list) : value));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static boolean remove(Object tree, List<Object> path) {
        Object parent = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer index && parent instanceof List<?> list && index < list.size()
                    ? list.get(index) : parent instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map && map.containsKey(last)) {
            ((Map<String, Object>) map).remove(last);
            return true;
        }
        if (parent instanceof List<?> list && last instanceof Integer index && index < list.size()) {
            ((List<Object>) list).remove((int) index);
            return true;
        }
        return false;
    }

    private static boolean setsName(Map<String, Object> merge) {
        return merge.get("basic") instanceof Map<?, ?> basic && basic.containsKey("name");
    }

    private static Object nameValue(Map<String, Object> merge) {
        return ((Map<?, ?>) merge.get("basic")).get("name");
    }

    private static List<Object> unfitPath(IllegalArgumentException notACard) {
        for (Throwable cause = notACard; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? (Object) ref.getFieldName() : (Object) ref.getIndex())
                        .toList();
            }
        }
        return List.of();
    }

    private static String dotted(List<Object> path) {
        if (path.isEmpty()) {
            return "body";
        }
        return path.stream().map(step -> step instanceof Integer index ? "[" + index + "]" : step.toString())
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A card edit as read: the patch and when the change happened (null: now). */
    public record Read(CardPatch patch, Instant occurredAt) {
    }
}
