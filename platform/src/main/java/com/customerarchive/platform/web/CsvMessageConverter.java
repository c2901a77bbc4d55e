package com.customerarchive.platform.web;

import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lists and reports as {@code text/csv} (export, 输出) when asked with {@code Accept: text/csv}, made to open in Excel
 * and WPS: UTF-8 with a byte order mark first (without it they read Chinese names as garbage), the rows and columns of
 * {@link TabularRows}.
 */
public class CsvMessageConverter extends ExportMessageConverter {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** UTF-8's byte order mark, EF BB BF: how Excel knows the file is UTF-8. */
    public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final JsonMapper json;
    private final CsvMapper csv = CsvMapper.builder().build();

    public CsvMessageConverter(JsonMapper json) {
        super(TEXT_CSV, new MediaType("text", "csv"));
        this.json = json;
    }

    @Override
    protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
        TabularRows.Sheet sheet = TabularRows.of(json, body);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        sheet.columns().forEach(schema::addColumn);
        OutputStream out = output.getBody();
        out.write(BOM);
        try (SequenceWriter writer = csv.writer(schema.build()).writeValues(out)) {
            for (Map<String, JsonNode> line : sheet.lines()) {
                Map<String, String> filled = new LinkedHashMap<>();
                sheet.columns().forEach(column -> {
                    JsonNode cell = line.get(column);
                    filled.put(column, cell == null ? "" : cell.asString());
                });
                writer.write(filled);
            }
        }
    }
}
