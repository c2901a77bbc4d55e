package com.customerarchive.query.privacy;

import com.customerarchive.events.FieldChange;
import com.customerarchive.events.card.CardFields;
import com.customerarchive.events.privacy.PersonalFields;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Blanks the personal fields of stored JSON in a read model: an event's data (its type looked up in the
 * {@link RedactionRegistry}; every value of a type it does not know), a list of field changes, a card. Used when a
 * customer is erased ("[erased]") and, for the feed, while a customer's consent is withdrawn ("[withheld]").
 */
@Component
public class Redaction {

    public static final String ERASED = "[erased]";
    public static final String WITHHELD = "[withheld]";

    /** "Zhang Wei" reads "Z** W**", 张伟 reads 张**: the first letter of each part of the name. */
    public static String masked(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        return java.util.Arrays.stream(name.trim().split("\\s+"))
                .map(part -> part.substring(0, part.offsetByCodePoints(0, 1)) + "**")
                .collect(java.util.stream.Collectors.joining(" "));
    }
    private static final Type CHANGES = new TypeReference<List<FieldChange>>() { }.getType();

    private final ObjectMapper json;
    private final RedactionRegistry registry;

    Redaction(@Qualifier("defaultAxonObjectMapper") ObjectMapper json, RedactionRegistry registry) {
        this.json = json;
        this.registry = registry;
    }

    /** An event's data (type as the read models name it: "CustomerRegistered") with its personal fields blanked. */
    public String eventData(String type, String data, String marker) {
        return eventData(type, data, marker, null);
    }

    /**
     * As {@link #eventData(String, String, String)}, only one personal card field's values (null: all); an event of a
     * type the registry does not know has every value blanked, whichever field is asked for.
     */
    public String eventData(String type, String data, String marker, String field) {
        return registry.find(type)
                .map(known -> known.personal() ? blank(data, known.type(), marker, field) : data)
                .orElseGet(() -> data == null ? null : write(whole(read(data), marker)));
    }

    /** A JSON list of field changes with the values of personal fields blanked. */
    public String changes(String changes, String marker) {
        return blank(changes, CHANGES, marker, null);
    }

    /** As {@link #changes(String, String)}, only the changes of one personal card field (null: all). */
    public String changes(String changes, String marker, String field) {
        return blank(changes, CHANGES, marker, field);
    }

    /** The card with every personal field replaced by {@code marker}, in its shape (as an erased event reads). */
    public static com.customerarchive.events.ProfileCard card(com.customerarchive.events.ProfileCard card, String marker) {
        return card(card, marker, null);
    }

    /** The card with one personal field (null: every one) replaced by {@code marker}, in its shape. */
    public static com.customerarchive.events.ProfileCard card(com.customerarchive.events.ProfileCard card, String marker,
                                                              String field) {
        if (card == null) {
            return null;
        }
        JsonNode tree = CARD_JSON.valueToTree(card);
        PersonalFields.blank(tree, com.customerarchive.events.ProfileCard.class, marker, field);
        try {
            return CARD_JSON.treeToValue(tree, com.customerarchive.events.ProfileCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("card not readable once blanked", e);
        }
    }

    /** The card with every personal field but the name replaced by {@code marker} (what finance reads). */
    public static com.customerarchive.events.ProfileCard cardButName(com.customerarchive.events.ProfileCard card,
                                                                     String marker) {
        if (card == null) {
            return null;
        }
        JsonNode tree = CARD_JSON.valueToTree(card);
        JsonNode name = tree.path("basic").path("name").deepCopy();
        PersonalFields.blank(tree, com.customerarchive.events.ProfileCard.class, marker, null);
        if (!name.isMissingNode() && tree.path("basic") instanceof com.fasterxml.jackson.databind.node.ObjectNode basic) {
            basic.set("name", name);
        }
        try {
            return CARD_JSON.treeToValue(tree, com.customerarchive.events.ProfileCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("card not readable once blanked", e);
        }
    }

    private static final ObjectMapper CARD_JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static boolean isPersonal(String cardField) {
        return CardFields.isPersonal(cardField);
    }

    private String blank(String text, Type type, String marker, String field) {
        if (text == null) {
            return null;
        }
        JsonNode tree = read(text);
        PersonalFields.blank(tree, type, marker, field);
        return write(tree);
    }

    /** Every value of {@code node} (its names and its shape kept) replaced by {@code marker}. */
    private static JsonNode whole(JsonNode node, String marker) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(entry -> entry.setValue(whole(entry.getValue(), marker)));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, whole(array.get(i), marker));
            }
            return array;
        }
        return node.isNull() ? node : TextNode.valueOf(marker);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON not readable", e);
        }
    }

    private String write(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON not writable", e);
        }
    }
}
