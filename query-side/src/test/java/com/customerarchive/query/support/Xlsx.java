package com.customerarchive.query.support;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Excel answer read back with Apache POI: its header and its rows by header, each cell as the type Excel holds it
 * in — a number as a {@link Double}, a date-formatted number as a {@link java.time.LocalDateTime}, text as a String,
 * true/false as a Boolean, an empty cell as null.
 */
public final class Xlsx {

    public static final String TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public record Workbook(String sheetName, List<String> header, List<Map<String, Object>> rows) {
    }

    private Xlsx() {
    }

    /** GET {@code path} as {@code user} with Accept: xlsx and the language given; asserts a 200 workbook. */
    public static Workbook get(String baseUrl, String path, String user, String language) {
        HttpResponse<byte[]> answer = asked(baseUrl, path, user, language);
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).isEqualTo(TYPE);
        try {
            return read(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer, whatever it is, to GET {@code path} asked as a workbook. */
    public static HttpResponse<byte[]> asked(String baseUrl, String path, String user, String language) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Accept", TYPE).header("Accept-Language", language)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Workbook read(byte[] body) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = new ArrayList<>();
            for (Cell cell : sheet.getRow(0)) {
                header.add(cell.getStringCellValue());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    values.put(header.get(c), value(row == null ? null : row.getCell(c)));
                }
                rows.add(values);
            }
            return new Workbook(sheet.getSheetName(), header, rows);
        }
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue()
                    : (Object) cell.getNumericCellValue();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case BLANK -> null;
            default -> cell.toString();
        };
    }
}
