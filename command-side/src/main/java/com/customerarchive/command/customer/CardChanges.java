package com.customerarchive.command.customer;

import com.customerarchive.events.FieldChange;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.card.CardFields;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merging a patch into the card as a tree of plain values ({@link CardFields#tree}); a patch that names a field the
 * card does not have, or a value it does not take, does not fit.
 */
public final class CardChanges {

    private static final ObjectMapper TREE = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    private static final ProfileCard BLANK = new ProfileCard(null, null, null, null, null);

    private CardChanges() {
    }

    /** The card a patch makes of another; {@link IllegalArgumentException} when the patch does not fit the card. */
    public static ProfileCard merge(ProfileCard card, CardPatch patch) {
        Map<String, Object> tree = CardFields.tree(card);
        mergeInto(tree, patch.merge(), "");
        return TREE.convertValue(tree, ProfileCard.class);
    }

    /** The card with each change's field set to its new value ({@code to}; null clears it), the others as they are. */
    @SuppressWarnings("unchecked")
    public static ProfileCard with(ProfileCard card, List<FieldChange> changes) {
        Map<String, Object> tree = CardFields.tree(card);
        for (FieldChange change : changes) {
            String[] path = change.field().split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < path.length - 1; i++) {
                Object next = node.get(path[i]);
                if (!(next instanceof Map<?, ?>)) {
                    next = new LinkedHashMap<String, Object>();
                    node.put(path[i], next);
                }
                node = (Map<String, Object>) next;
            }
            if (change.to() == null) {
                node.remove(path[path.length - 1]);
            } else {
                node.put(path[path.length - 1], change.to());
            }
        }
        return TREE.convertValue(tree, ProfileCard.class);
    }

    /** What a patch says on its own, merged into a blank card: used to check its shapes before it is sent. */
    public static ProfileCard mergeIntoBlank(CardPatch patch) {
        return merge(BLANK, patch);
    }

    /** Every field whose value differs, in path order ({@link CardFields#between}). */
    public static List<FieldChange> between(ProfileCard before, ProfileCard after) {
        return CardFields.between(before, after);
    }

    /** Values a patch writes whole, not merged into: the payment terms (a kind with its own figure). */
    private static final java.util.Set<String> WHOLE = java.util.Set.of("payment.terms");

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> patch, String prefix) {
        patch.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> section && target.get(key) instanceof Map<?, ?> existing
                    && !WHOLE.contains(prefix + key)) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                mergeInto(merged, (Map<String, Object>) section, prefix + key + ".");
                target.put(key, merged);
            } else if (value instanceof Map<?, ?> section) {
                Map<String, Object> fresh = new LinkedHashMap<>();
                mergeInto(fresh, (Map<String, Object>) section, prefix + key + ".");
                target.put(key, fresh);
            } else {
                target.put(key, value);
            }
        });
    }
}
