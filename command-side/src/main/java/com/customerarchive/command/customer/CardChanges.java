package com.customerarchive.command.customer;

import com.customerarchive.events.FieldChange;
import com.customerarchive.events.ProfileCard;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The card as a tree of plain values: merging a patch into it, and listing the fields that differ
 * between two cards. Absent, null and empty values are the same thing: not filled in.
 */
public final class CardChanges {

    private static final ObjectMapper TREE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    private static final TypeReference<Map<String, Object>> TREE_TYPE = new TypeReference<>() {
    };
    private static final ProfileCard BLANK = new ProfileCard(null, null, null, null, null);

    private CardChanges() {
    }

    /** The card a patch makes of another; {@link IllegalArgumentException} when the patch does not fit the card. */
    public static ProfileCard merge(ProfileCard card, CardPatch patch) {
        Map<String, Object> tree = tree(card);
        mergeInto(tree, patch.merge());
        return TREE.convertValue(tree, ProfileCard.class);
    }

    /** What a patch says on its own, merged into a blank card: used to check its shapes before it is sent. */
    public static ProfileCard mergeIntoBlank(CardPatch patch) {
        return merge(BLANK, patch);
    }

    /** Every field (leaf path; a list counts as one field) whose value differs, in path order. */
    public static List<FieldChange> between(ProfileCard before, ProfileCard after) {
        Map<String, Object> old = leaves(tree(before));
        Map<String, Object> now = leaves(tree(after));
        var paths = new TreeSet<String>(old.keySet());
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

    private static Map<String, Object> tree(ProfileCard card) {
        return card == null ? new LinkedHashMap<>() : TREE.convertValue(card, TREE_TYPE);
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> section && target.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                mergeInto(merged, (Map<String, Object>) section);
                target.put(key, merged);
            } else if (value instanceof Map<?, ?> section) {
                Map<String, Object> fresh = new LinkedHashMap<>();
                mergeInto(fresh, (Map<String, Object>) section);
                target.put(key, fresh);
            } else {
                target.put(key, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leaves(Map<String, Object> tree) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section) {
                leaves(((Map<String, Object>) section)).forEach((path, leaf) -> leaves.put(key + "." + path, leaf));
            } else {
                leaves.put(key, value);
            }
        });
        return leaves;
    }
}
