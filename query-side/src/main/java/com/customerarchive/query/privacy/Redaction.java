package com.customerarchive.query.privacy;

import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.FieldChange;
import com.customerarchive.events.card.CardFields;
import com.customerarchive.events.privacy.PersonalFields;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Blanks the personal fields of stored JSON in a read model: an event's data (found by its type name), a list
 * of field changes, a card. Used when a customer is erased ("[erased]") and, for the feed, while a customer's
 * consent is withdrawn ("[withheld]").
 */
@Component
public class Redaction {

    public static final String ERASED = "[erased]";
    public static final String WITHHELD = "[withheld]";
    private static final String EVENTS_PACKAGE = CustomerEvent.class.getPackageName() + ".";
    private static final Type CHANGES = new TypeReference<List<FieldChange>>() { }.getType();

    private final ObjectMapper json;

    Redaction(@Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.json = json;
    }

    /** An event's data (type as the read models name it: "CustomerRegistered") with its personal fields blanked. */
    public String eventData(String type, String data, String marker) {
        return blank(data, eventClass(type), marker, null);
    }

    /** As {@link #eventData(String, String, String)}, only one personal card field's values (null: all). */
    public String eventData(String type, String data, String marker, String field) {
        return blank(data, eventClass(type), marker, field);
    }

    public JsonNode eventData(String type, JsonNode data, String marker) {
        PersonalFields.blank(data, eventClass(type), marker);
        return data;
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
        try {
            JsonNode tree = json.readTree(text);
            PersonalFields.blank(tree, type, marker, field);
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON not readable", e);
        }
    }

    private static Class<?> eventClass(String type) {
        try {
            return Class.forName(EVENTS_PACKAGE + type + "Event");
        } catch (ClassNotFoundException e) {
            return Object.class;
        }
    }
}
