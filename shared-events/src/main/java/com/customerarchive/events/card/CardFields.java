package com.customerarchive.events.card;

import com.customerarchive.events.FieldChange;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.PersonalData;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The card's fields as {@link FieldChange#field()} names them: the dotted path of each filled-in leaf of its
 * sections ({@code basic.name}, {@code business.industry}); a list is one field ({@code basic.phones}). Absent,
 * null and empty are the same thing: not filled in.
 */
public final class CardFields {

    private static final ObjectMapper TREE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    private static final TypeReference<Map<String, Object>> TREE_TYPE = new TypeReference<>() {
    };
    /** Paths that hold personal data: a personal value, or a list whose elements have personal parts. */
    private static final List<String> PERSONAL = personalPaths(ProfileCard.class, "");

    private CardFields() {
    }

    /** The card as nested maps of plain values, only what is filled in. */
    public static Map<String, Object> tree(ProfileCard card) {
        return card == null ? new LinkedHashMap<>() : TREE.convertValue(card, TREE_TYPE);
    }

    /** Every filled-in field of the card, by path, in path order. */
    public static SortedMap<String, Object> of(ProfileCard card) {
        return leaves(tree(card), "");
    }

    /** Every field whose value differs between two cards, in path order. */
    public static List<FieldChange> between(ProfileCard before, ProfileCard after) {
        Map<String, Object> old = of(before);
        Map<String, Object> now = of(after);
        var paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String path : paths) {
            Object from = old.get(path);
            Object to = now.get(path);
            if (!Objects.equals(from, to)) {
                changes.add(new FieldChange(path, from, to));
            }
        }
        return changes;
    }

    /** The card's personal fields ("basic.email", "basic.address", "contacts", …): each can be destroyed on its own. */
    public static List<String> personalFields() {
        return PERSONAL;
    }

    /**
     * The personal field a card path lies in: itself, or the personal value or list it is part of
     * ("basic.address.city" and "contacts[].name" lie in "basic.address" and "contacts").
     */
    public static Optional<String> personalFieldOf(String path) {
        for (String personal : PERSONAL) {
            if (path.equals(personal) || path.startsWith(personal + ".") || path.startsWith(personal + "[")) {
                return Optional.of(personal);
            }
        }
        return Optional.empty();
    }

    /** The card as its JSON tree, changed in place by {@code change}, read back: null stays null. */
    public static ProfileCard edited(ProfileCard card, Consumer<JsonNode> change) {
        if (card == null) {
            return null;
        }
        JsonNode tree = TREE.valueToTree(card);
        change.accept(tree);
        return TREE.convertValue(tree, ProfileCard.class);
    }

    /** True when a field path is personal, lies inside a personal value, or contains one (a section). */
    public static boolean isPersonal(String field) {
        for (String personal : PERSONAL) {
            if (field.equals(personal) || field.startsWith(personal + ".") || personal.startsWith(field + ".")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> leaves(Map<String, Object> tree, String prefix) {
        SortedMap<String, Object> leaves = new TreeMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section) {
                leaves.putAll(leaves((Map<String, Object>) section, prefix + key + "."));
            } else {
                leaves.put(prefix + key, value);
            }
        });
        return leaves;
    }

    private static List<String> personalPaths(Class<?> type, String prefix) {
        List<String> paths = new ArrayList<>();
        if (!type.isRecord()) {
            return paths;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix.isEmpty() ? component.getName() : prefix + "." + component.getName();
            if (component.isAnnotationPresent(PersonalData.class)) {
                paths.add(path);
            } else if (component.getGenericType() instanceof ParameterizedType list
                    && Collection.class.isAssignableFrom(component.getType())) {
                // a list of values with personal parts (contacts) changes as one field: the whole list is personal
                if (list.getActualTypeArguments()[0] instanceof Class<?> element && !personalPaths(element, "").isEmpty()) {
                    paths.add(path);
                }
            } else {
                paths.addAll(personalPaths(component.getType(), path));
            }
        }
        return paths;
    }
}
