package com.customerarchive.platform.web;

import com.customerarchive.platform.time.BusinessZone;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpOutputMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lists and reports as an Excel workbook ({@code .xlsx}) when asked with {@code Accept:
 * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}: the rows and columns of {@link TabularRows} on
 * one sheet, written as a stream (a hundred rows in memory at a time), with typed cells — numbers as numbers, instants
 * as date and time in the business zone, dates as dates, money as a number beside its currency, true/false as such —
 * and the header in the request's language ({@code Accept-Language}): each part of a column's dotted name from the
 * app's messages ({@code column.<name>}), the name itself where there is none. The header row stays in view and
 * filters.
 */
public class XlsxMessageConverter extends ExportMessageConverter {

    /** Excel's limit on the text of a cell. */
    private static final int MAX_TEXT = 32_767;
    private static final String CUT = " … [cut at Excel's limit of a cell; the CSV export holds it whole]";
    /** Excel's dates begin in 1900. */
    private static final int EXCEL_FIRST_YEAR = 1900;
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final JsonMapper json;
    private final BusinessZone zone;
    private final MessageSource messages;

    public XlsxMessageConverter(JsonMapper json, BusinessZone zone, MessageSource messages) {
        super(Exports.XLSX);
        this.json = json;
        this.zone = zone;
        this.messages = messages;
    }

    @Override
    protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
        TabularRows.Sheet rows = TabularRows.of(json, body);
        Locale locale = LocaleContextHolder.getLocale();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Styles styles = new Styles(workbook);
            SXSSFSheet sheet = workbook.createSheet(Locale.CHINESE.getLanguage().equals(locale.getLanguage())
                    ? "导出" : "Export");
            List<String> columns = rows.columns();
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                String title = header(columns.get(i), locale);
                Cell cell = header.createCell(i);
                cell.setCellValue(title);
                cell.setCellStyle(styles.header);
                sheet.setColumnWidth(i, Math.min(60, Math.max(12, title.length() * 2 + 2)) * 256);
            }
            sheet.createFreezePane(0, 1);
            if (!columns.isEmpty()) {
                sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows.size()), 0, columns.size() - 1));
            }
            int number = 1;
            for (Map<String, JsonNode> line : rows.lines()) {
                Row row = sheet.createRow(number++);
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode value = line.get(columns.get(i));
                    if (value != null) {
                        write(row.createCell(i), value, rows.moneyColumns().contains(columns.get(i)), styles);
                    }
                }
            }
            workbook.write(output.getBody());
        }
    }

    /** The column's title: each part of its dotted name in the language asked for, joined as the name is. */
    private String header(String column, Locale locale) {
        return Arrays.stream(column.split("\\."))
                .map(part -> messages.getMessage("column." + part, null, part, locale))
                .collect(Collectors.joining("."));
    }

    private void write(Cell cell, JsonNode value, boolean money, Styles styles) {
        if (value.isNumber()) {
            cell.setCellValue(value.asDouble());
            if (money) {
                cell.setCellStyle(styles.money);
            }
            return;
        }
        if (value.isBoolean()) {
            cell.setCellValue(value.asBoolean());
            return;
        }
        String text = value.asString();
        if (text.isEmpty()) {
            return;
        }
        if (money && DECIMAL.matcher(text).matches()) {
            cell.setCellValue(new BigDecimal(text).doubleValue());
            cell.setCellStyle(styles.money);
            return;
        }
        try {
            if (INSTANT.matcher(text).matches()) {
                var local = Instant.parse(text).atZone(zone.zone()).toLocalDateTime();
                if (local.getYear() >= EXCEL_FIRST_YEAR) {
                    cell.setCellValue(local);
                    cell.setCellStyle(styles.instant);
                    return;
                }
            } else if (DATE.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                if (day.getYear() >= EXCEL_FIRST_YEAR) {
                    cell.setCellValue(day);
                    cell.setCellStyle(styles.date);
                    return;
                }
            }
        } catch (DateTimeParseException notADate) {
            // written as the text it is
        }
        // Excel has no date before 1900 (such a date stays text); a cell holds at most 32,767 characters, and one cut
        // says so and where the whole is (the same export as CSV)
        cell.setCellValue(text.length() <= MAX_TEXT ? text
                : text.substring(0, MAX_TEXT - CUT.length()) + CUT);
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle instant;
        final CellStyle date;
        final CellStyle money;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            var formats = workbook.createDataFormat();
            instant = workbook.createCellStyle();
            instant.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
            date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("#,##0.00"));
        }
    }
}
