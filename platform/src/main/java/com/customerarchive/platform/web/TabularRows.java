package com.customerarchive.platform.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An answer as the rows and columns of a sheet, for the export formats (CSV, Excel): the same fields as the JSON
 * answer, nested objects flattened to dotted columns ({@code value.score}), a list of rows one row each, a page
 * ({@code items} with {@code page}, {@code size}, {@code total}) its items one row each, never the wrapper; any other
 * single object is one row. A list inside a row is one cell, never JSON text: its values joined by {@code "; "}, an
 * object among them as {@code field: value} pairs joined by {@code ", "}. Money is the exception: a list named
 * {@code totals} or {@code …Totals} of {@code {currency, amount}} lines, which is never added across currencies, makes
 * the row one row per currency, with a column {@code currency} and, under each such list's name, its amount in that
 * currency (empty where it has none); a row without any amount is written once with these columns empty. A report's
 * {@code drill} links (to the drill-down of each figure) are for the screen, not the sheet: they are left out. Cells
 * keep their JSON type (a number stays a number), so that a format which has types can keep them.
 */
public final class TabularRows {

    static final String LIST_SEPARATOR = "; ";
    static final String FIELD_SEPARATOR = ", ";
    /** The column of a money row's currency. */
    public static final String CURRENCY = "currency";
    /** The name of a report's links to the drill-down of its figures. */
    private static final String DRILL = "drill";

    /**
     * The columns, in the order first met, and the lines (one per row, or per row and currency), {@code size} of
     * them. The lines are made as they are read, one row's tree at a time, so that a list of tens of thousands of rows
     * is never held as one tree beside its rows; each reading makes them again.
     */
    public record Sheet(List<String> columns, Iterable<Map<String, JsonNode>> lines, int size, Set<String> moneyColumns) {
    }

    private TabularRows() {
    }

    /** The answer's rows flattened into lines under common columns (a first reading finds the columns). */
    public static Sheet of(JsonMapper json, Object body) {
        Iterable<?> rows = rows(json, body);
        Set<String> columns = new LinkedHashSet<>();
        Set<String> money = new LinkedHashSet<>();
        int size = 0;
        for (Object row : rows) {
            for (Map<String, JsonNode> line : perCurrency(tree(json, row), money)) {
                columns.addAll(line.keySet());
                size++;
            }
        }
        Iterable<Map<String, JsonNode>> lines = () -> java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .flatMap(row -> perCurrency(tree(json, row), new LinkedHashSet<>()).stream()).iterator();
        return new Sheet(List.copyOf(columns), lines, size, money);
    }

    private static JsonNode tree(JsonMapper json, Object row) {
        return row instanceof JsonNode node ? node : json.valueToTree(row);
    }

    /**
     * The rows of an answer, each an object or its tree: a list's elements, a page's items (a record with
     * {@code items}, {@code page} and {@code total}: its items read one by one), or the one object.
     */
    private static Iterable<?> rows(JsonMapper json, Object body) {
        if (body instanceof Collection<?> list) {
            return list;
        }
        Collection<?> items = pageItems(body);
        if (items != null) {
            return items;
        }
        JsonNode tree = json.valueToTree(body);
        List<JsonNode> rows = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(rows::add);
        } else if (isPage(tree)) {
            tree.get("items").forEach(rows::add);
        } else {
            rows.add(tree);
        }
        return rows;
    }

    /** A page record's items, or null when the body is no such record. */
    private static Collection<?> pageItems(Object body) {
        if (body == null || !body.getClass().isRecord()) {
            return null;
        }
        Collection<?> items = null;
        boolean page = false;
        boolean total = false;
        for (java.lang.reflect.RecordComponent component : body.getClass().getRecordComponents()) {
            switch (component.getName()) {
                case "items" -> {
                    if (Collection.class.isAssignableFrom(component.getType())) {
                        try {
                            component.getAccessor().setAccessible(true);
                            items = (Collection<?>) component.getAccessor().invoke(body);
                        } catch (ReflectiveOperationException | RuntimeException unreadable) {
                            return null;
                        }
                    }
                }
                case "page" -> page = true;
                case "total" -> total = true;
                default -> { }
            }
        }
        return page && total && items != null ? items : null;
    }

    private static boolean isPage(JsonNode tree) {
        return tree.isObject() && tree.path("items").isArray() && tree.has("page") && tree.has("total");
    }

    /** One line, or one line per currency when the row holds money lists. */
    private static List<Map<String, JsonNode>> perCurrency(JsonNode row, Set<String> moneyColumns) {
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        Map<String, Map<String, JsonNode>> money = new LinkedHashMap<>();
        flatten(row, "", cells, money);
        moneyColumns.addAll(money.keySet());
        Set<String> currencies = new TreeSet<>();
        money.values().forEach(lines -> currencies.addAll(lines.keySet()));
        if (currencies.isEmpty()) {
            return List.of(cells);
        }
        List<Map<String, JsonNode>> lines = new ArrayList<>();
        for (String currency : currencies) {
            Map<String, JsonNode> line = new LinkedHashMap<>(cells);
            line.put(CURRENCY, text(currency));
            money.forEach((column, amounts) -> line.put(column, amounts.getOrDefault(currency, text(""))));
            lines.add(line);
        }
        return lines;
    }

    private static boolean isMoney(String name, JsonNode node) {
        return node.isArray() && (name.equals("totals") || name.endsWith("Totals"));
    }

    private static void flatten(JsonNode node, String prefix, Map<String, JsonNode> cells,
                                Map<String, Map<String, JsonNode>> money) {
        String name = prefix.substring(prefix.lastIndexOf('.') + 1);
        String column = prefix.isEmpty() ? "value" : prefix;
        if (isMoney(name, node)) {
            Map<String, JsonNode> amounts = new TreeMap<>();
            node.forEach(line -> amounts.put(line.path(CURRENCY).asString(), line.path("amount")));
            cells.putIfAbsent(CURRENCY, text(""));
            cells.put(prefix, text(""));
            money.put(prefix, amounts);
        } else if (node.isObject()) {
            node.properties().stream().filter(entry -> !entry.getKey().equals(DRILL)).forEach(entry -> flatten(
                    entry.getValue(), prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), cells, money));
        } else if (node.isArray()) {
            cells.put(column, text(joined(node)));
        } else if (!node.isNull()) {
            cells.put(column, node);
        } else {
            cells.put(column, text(""));
        }
    }

    /** A list as one cell: {@code a; b; c}, an object in it as {@code name: Li Wei, role: BUYER}. */
    static String joined(JsonNode list) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : list) {
            if (element.isObject()) {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                flatten(element, "", fields, new LinkedHashMap<>());
                List<String> pairs = new ArrayList<>();
                fields.forEach((field, value) -> {
                    String shown = value.asString();
                    if (!shown.isEmpty()) {
                        pairs.add(field + ": " + shown);
                    }
                });
                values.add(String.join(FIELD_SEPARATOR, pairs));
            } else if (element.isArray()) {
                values.add(joined(element));
            } else if (!element.isNull()) {
                values.add(element.asString());
            }
        }
        return String.join(LIST_SEPARATOR, values);
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }
}
