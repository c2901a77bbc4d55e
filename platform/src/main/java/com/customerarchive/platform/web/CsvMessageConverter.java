package com.customerarchive.platform.web;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * Lists and reports as {@code text/csv} (export, 输出) when asked with {@code Accept: text/csv}, made to open in Excel
 * and WPS: UTF-8 with a byte order mark first (without it they read Chinese names as garbage), the same fields as the
 * JSON answer, nested objects flattened to dotted columns ({@code value.score}), a list of rows one row each, a page
 * ({@code items} with {@code page}, {@code size}, {@code total}) its items one row each, never the wrapper; any other
 * single object is one row. A list inside a row is one cell, never JSON text: its values joined by {@code "; "}, an
 * object among them as {@code field: value} pairs joined by {@code ", "}. Money is the exception: a list named
 * {@code totals} or {@code …Totals} of {@code {currency, amount}} lines, which is never added across currencies, makes
 * the row one row per currency, with a column {@code currency} and, under each such list's name, its amount in that
 * currency (empty where it has none); a row without any amount is written once with these columns empty. Rows are
 * written to the answer one by one as they are flattened. A report's {@code drill} links (to the drill-down of each
 * figure) are for the screen, not the sheet: they are left out.
 */
public class CsvMessageConverter extends AbstractHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** UTF-8's byte order mark, EF BB BF: how Excel knows the file is UTF-8. */
    public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final String LIST_SEPARATOR = "; ";
    static final String FIELD_SEPARATOR = ", ";

    private final JsonMapper json;
    private final CsvMapper csv = CsvMapper.builder().build();

    public CsvMessageConverter(JsonMapper json) {
        super(TEXT_CSV, new MediaType("text", "csv"));
        this.json = json;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return !String.class.equals(type) && !byte[].class.equals(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) {
        throw new UnsupportedOperationException("CSV is an answer format only");
    }

    /**
     * Whether a request's {@code Accept} header asks for CSV: a list endpoint then answers every row, not a page
     * (an export is the whole list).
     */
    public static boolean asked(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> "text".equals(type.getType()) && "csv".equals(type.getSubtype()));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    @Override
    protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
        List<JsonNode> rows = rows(body);
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> perCurrency(row).forEach(line -> columns.addAll(line.keySet())));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        OutputStream out = output.getBody();
        out.write(BOM);
        try (SequenceWriter writer = csv.writer(schema.build()).writeValues(out)) {
            for (JsonNode row : rows) {
                for (Map<String, String> line : perCurrency(row)) {
                    Map<String, String> filled = new LinkedHashMap<>();
                    columns.forEach(column -> filled.put(column, line.getOrDefault(column, "")));
                    writer.write(filled);
                }
            }
        }
    }

    /** The rows of an answer: a list's elements, a page's items, or the one object. */
    private List<JsonNode> rows(Object body) {
        List<JsonNode> rows = new ArrayList<>();
        if (body instanceof Collection<?> list) {
            list.forEach(element -> rows.add(json.valueToTree(element)));
            return rows;
        }
        JsonNode tree = json.valueToTree(body);
        if (tree.isArray()) {
            tree.forEach(rows::add);
        } else if (isPage(tree)) {
            tree.get("items").forEach(rows::add);
        } else {
            rows.add(tree);
        }
        return rows;
    }

    private static boolean isPage(JsonNode tree) {
        return tree.isObject() && tree.path("items").isArray() && tree.has("page") && tree.has("total");
    }

    /** One row, or one row per currency when the row holds money lists. */
    private static List<Map<String, String>> perCurrency(JsonNode row) {
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, Map<String, String>> money = new LinkedHashMap<>();
        flatten(row, "", cells, money);
        Set<String> currencies = new TreeSet<>();
        money.values().forEach(lines -> currencies.addAll(lines.keySet()));
        if (currencies.isEmpty()) {
            return List.of(cells);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String currency : currencies) {
            Map<String, String> line = new LinkedHashMap<>(cells);
            line.put(CURRENCY, currency);
            money.forEach((column, amounts) -> line.put(column, amounts.getOrDefault(currency, "")));
            rows.add(line);
        }
        return rows;
    }

    private static final String CURRENCY = "currency";

    private static boolean isMoney(String name, JsonNode node) {
        return node.isArray() && (name.equals("totals") || name.endsWith("Totals"));
    }

    /** The name of a report's links to the drill-down of its figures. */
    private static final String DRILL = "drill";

    private static void flatten(JsonNode node, String prefix, Map<String, String> cells,
                                Map<String, Map<String, String>> money) {
        String name = prefix.substring(prefix.lastIndexOf('.') + 1);
        if (isMoney(name, node)) {
            Map<String, String> amounts = new TreeMap<>();
            node.forEach(line -> amounts.put(line.path(CURRENCY).asString(), line.path("amount").asString()));
            cells.putIfAbsent(CURRENCY, "");
            cells.put(prefix, "");
            money.put(prefix, amounts);
        } else if (node.isObject()) {
            node.properties().stream().filter(entry -> !entry.getKey().equals(DRILL)).forEach(entry -> flatten(entry.getValue(),
                    prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), cells, money));
        } else if (node.isArray()) {
            cells.put(prefix.isEmpty() ? "value" : prefix, joined(node));
        } else if (!node.isNull()) {
            cells.put(prefix.isEmpty() ? "value" : prefix, node.asString());
        } else {
            cells.put(prefix.isEmpty() ? "value" : prefix, "");
        }
    }

    /** A list as one cell: {@code a; b; c}, an object in it as {@code name: Li Wei, role: BUYER}. */
    static String joined(JsonNode list) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : list) {
            if (element.isObject()) {
                Map<String, String> fields = new LinkedHashMap<>();
                flatten(element, "", fields, new LinkedHashMap<>());
                List<String> pairs = new ArrayList<>();
                fields.forEach((field, value) -> {
                    if (!value.isEmpty()) {
                        pairs.add(field + ": " + value);
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
}
