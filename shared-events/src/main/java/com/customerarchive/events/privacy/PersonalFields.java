package com.customerarchive.events.privacy;

import com.customerarchive.events.FieldChange;
import com.customerarchive.events.PersonalData;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.card.CardFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the {@link PersonalData} values in an event's JSON, guided by the event's Java type, and lets a
 * visitor replace each (encrypt, decrypt, erase, withhold). A {@link FieldChange} of a card field that is
 * personal has its {@code from} and {@code to} treated as personal too.
 */
public final class PersonalFields {

    /**
     * What a personal value becomes: the replacement for {@code value}, found at {@code path}, of Java type
     * {@code type}; Java null removes the field.
     */
    public interface Visitor {
        JsonNode visit(String path, JsonNode value, Type type);
    }

    /**
     * A visitor that is also told which personal field of the card a value belongs to ({@code basic.email},
     * {@code basic.address} for a part of the address, {@code contacts} for a contact's name; null for a personal
     * value outside the card: a visit's contact, a referrer).
     */
    public interface FieldVisitor {
        JsonNode visit(String path, String cardField, JsonNode value, Type type);
    }

    /** A record's components and which of them are personal, read once per class (reflection is slow). */
    private record Part(String name, Type type, Class<?> raw, boolean personal) {
    }

    private static final ClassValue<List<Part>> PARTS = new ClassValue<>() {
        @Override
        protected List<Part> computeValue(Class<?> type) {
            List<Part> parts = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                parts.add(new Part(component.getName(), component.getGenericType(), component.getType(),
                        component.isAnnotationPresent(PersonalData.class)));
            }
            return List.copyOf(parts);
        }
    };

    private PersonalFields() {
    }

    /** Replaces, in place, every personal value of {@code tree}, an instance of {@code type} as JSON. */
    public static void walk(JsonNode tree, Type type, Visitor visitor) {
        walk(tree, type, "", cardAtRoot(type), (path, cardField, value, valueType) -> visitor.visit(path, value, valueType));
    }

    /** Replaces, in place, every personal value of {@code tree}, telling the visitor the card field of each. */
    public static void walk(JsonNode tree, Type type, FieldVisitor visitor) {
        walk(tree, type, "", cardAtRoot(type), visitor);
    }

    /**
     * Whether a value of {@code type} can hold personal data: a {@link PersonalData} part, a change of a card field
     * (which may be personal), or a value holding either.
     */
    public static boolean holdsPersonal(Type type) {
        Class<?> raw = raw(type);
        if (raw == FieldChange.class) {
            return true;
        }
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p) {
            return holdsPersonal(p.getActualTypeArguments()[0]);
        }
        return raw.isRecord() && PARTS.get(raw).stream().anyMatch(part -> part.personal() || holdsPersonal(part.type()));
    }

    /** The card without one personal field's values (its parts and list elements included): as if never filled in. */
    public static ProfileCard without(ProfileCard card, String field) {
        return CardFields.edited(card, tree -> walk(tree, ProfileCard.class,
                (path, cardField, value, type) -> field.equals(cardField) ? null : value));
    }

    /** A card walked on its own is its own root (""). */
    private static String cardAtRoot(Type type) {
        return raw(type) == ProfileCard.class ? "" : null;
    }

    /**
     * The value a personal field shows when it cannot or may not be read: {@code marker} in the field's shape
     * (a personal value with parts, an address, never comes here: {@link #walk} hands over each part).
     */
    public static JsonNode placeholder(Type type, String marker) {
        Class<?> raw = raw(type);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (raw == String.class || raw == Object.class || CharSequence.class.isAssignableFrom(raw)) {
            return TextNode.valueOf(marker);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            ArrayNode array = nodes.arrayNode();
            JsonNode one = placeholder(element, marker);
            if (!one.isNull()) {
                array.add(one);
            }
            return array;
        }
        return NullNode.getInstance();
    }

    /**
     * Replaces, in place, every personal value of {@code tree} by {@code marker} in the value's shape; a value
     * with no textual shape (a date) is left out, as the events themselves read once their key is gone.
     */
    public static void blank(JsonNode tree, Type type, String marker) {
        blank(tree, type, marker, null);
    }

    /** As {@link #blank(JsonNode, Type, String)}, only the values of one personal card field (null: all). */
    public static void blank(JsonNode tree, Type type, String marker, String onlyCardField) {
        walk(tree, type, (path, cardField, value, valueType) -> {
            if (onlyCardField != null && !onlyCardField.equals(cardField)) {
                return value;
            }
            JsonNode placeholder = placeholder(valueType, marker);
            return placeholder.isNull() ? null : placeholder;
        });
    }

    /**
     * @param card the path of the card this node lies in (null outside a card): a value's card field is found from
     *             its path below it
     */
    private static void walk(JsonNode node, Type type, String path, String card, FieldVisitor visitor) {
        if (node == null || node.isNull()) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == FieldChange.class && node instanceof ObjectNode change) {
            String field = change.path("field").asText();
            if (CardFields.isPersonal(field)) {
                String cardField = CardFields.personalFieldOf(field).orElse(null);
                for (String side : new String[]{"from", "to"}) {
                    JsonNode value = change.get(side);
                    if (value != null && !value.isNull()) {
                        change.set(side, visitor.visit(path + "." + side, cardField, value, Object.class));
                    }
                }
            }
            return;
        }
        if (raw.isRecord() && node instanceof ObjectNode object) {
            for (Part component : PARTS.get(raw)) {
                JsonNode child = object.get(component.name());
                if (child == null || child.isNull()) {
                    continue;
                }
                String childPath = path.isEmpty() ? component.name() : path + "." + component.name();
                String childCard = card != null ? card : component.raw() == ProfileCard.class ? childPath : null;
                if (component.personal() && component.raw().isRecord() && child instanceof ObjectNode inner) {
                    // a personal value with parts (an address): each part that is there, on its own
                    for (Part part : PARTS.get(component.raw())) {
                        replace(inner, part, childPath + "." + part.name(), cardField(card, childPath), visitor);
                    }
                } else if (component.personal()) {
                    replace(object, component, childPath, cardField(card, childPath), visitor);
                } else {
                    walk(child, component.type(), childPath, childCard, visitor);
                }
            }
        } else if (Collection.class.isAssignableFrom(raw) && node.isArray() && type instanceof ParameterizedType p) {
            for (JsonNode element : node) {
                walk(element, p.getActualTypeArguments()[0], path + "[]", card, visitor);
            }
        }
    }

    /** The personal card field of a value at {@code path}, below the card at {@code card} (null: not in a card). */
    private static String cardField(String card, String path) {
        if (card == null) {
            return null;
        }
        if (card.isEmpty()) {
            return CardFields.personalFieldOf(path).orElse(null);
        }
        return path.startsWith(card + ".") ? CardFields.personalFieldOf(path.substring(card.length() + 1)).orElse(null)
                : null;
    }

    private static void replace(ObjectNode object, Part component, String path, String cardField,
                                FieldVisitor visitor) {
        JsonNode value = object.get(component.name());
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode replacement = visitor.visit(path, cardField, value, component.type());
        if (replacement == null) {
            object.remove(component.name());
        } else {
            object.set(component.name(), replacement);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
