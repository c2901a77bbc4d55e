package com.customerarchive.platform.web;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists and reports as {@code text/csv} (export, 输出) when asked with {@code Accept: text/csv}: the same fields as
 * the JSON answer, nested objects flattened to dotted columns ({@code value.score}), a list of rows one row each, a
 * page ({@code items} with {@code page}, {@code size}, {@code total}) its items one row each; any other single object
 * is one row. Lists inside a row are written as their JSON text.
 */
public class CsvMessageConverter extends AbstractHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

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

    @Override
    protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
        JsonNode tree = json.valueToTree(body);
        List<Map<String, String>> rows = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(row -> rows.add(flatten(row)));
        } else if (body instanceof Collection<?>) {
            tree.forEach(row -> rows.add(flatten(row)));
        } else if (isPage(tree)) {
            tree.get("items").forEach(row -> rows.add(flatten(row)));
        } else {
            rows.add(flatten(tree));
        }
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        List<Map<String, String>> complete = rows.stream().map(row -> {
            Map<String, String> filled = new LinkedHashMap<>();
            columns.forEach(column -> filled.put(column, row.getOrDefault(column, "")));
            return filled;
        }).toList();
        csv.writer(schema.build()).writeValue(output.getBody(), complete);
    }

    private static boolean isPage(JsonNode tree) {
        return tree.isObject() && tree.path("items").isArray() && tree.has("page") && tree.has("total");
    }

    private static Map<String, String> flatten(JsonNode row) {
        Map<String, String> cells = new LinkedHashMap<>();
        flatten(row, "", cells);
        return cells;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> cells) {
        if (node.isObject()) {
            node.properties().forEach(entry -> flatten(entry.getValue(),
                    prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), cells));
        } else if (node.isArray()) {
            cells.put(prefix.isEmpty() ? "value" : prefix, node.toString());
        } else if (!node.isNull()) {
            cells.put(prefix.isEmpty() ? "value" : prefix, node.asString());
        } else {
            cells.put(prefix.isEmpty() ? "value" : prefix, "");
        }
    }
}
