package com.customerarchive.command.imports;

import com.customerarchive.platform.web.InvalidRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the rows of an uploaded customer list: an Excel workbook (.xlsx: its first sheet, the customers, and the
 * further sheets named as visits or purchases, each read as a stream of SAX events so a large one is never held as
 * cells) or a CSV file (customers only) in UTF-8 (with or without BOM) or GBK (GB18030, as Excel on a Chinese Windows
 * saves it). Dates in Excel cells come as ISO dates, numbers as written.
 */
final class SheetReader {

    /**
     * A sheet's first row (its headers) and every later row that is not empty, numbered as Excel numbers rows; its
     * name as the workbook gives it (null for a CSV file).
     */
    record Sheet(String name, ImportColumn.Sheet kind, List<String> headers, List<Row> rows) {
    }

    /** The sheets read (the customers first) and the names of those left alone. */
    record Book(String format, String charset, List<Sheet> sheets, List<String> ignoredSheets) {

        Sheet customers() {
            return sheets.get(0);
        }
    }

    record Row(int number, List<String> values) {

        String value(int column) {
            if (column < 0 || column >= values.size()) {
                return null;
            }
            String value = values.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final Charset GBK = Charset.forName("GB18030");

    private SheetReader() {
    }

    static Book read(byte[] file, int maxRows) {
        if (file == null || file.length == 0) {
            throw new InvalidRequestException("file", "the file is empty");
        }
        if (startsWith(file, OLE)) {
            throw new InvalidRequestException("file", "an Excel 97-2003 workbook (.xls): save it as .xlsx or .csv");
        }
        Book book = startsWith(file, ZIP) ? xlsx(file, maxRows) : csv(file, maxRows);
        for (Sheet sheet : book.sheets()) {
            if (sheet.headers().stream().allMatch(header -> header == null || header.isBlank())) {
                throw new InvalidRequestException("file", (sheet.name() == null ? "the" : "the sheet " + sheet.name()
                        + "'s") + " first row holds no column headers");
            }
        }
        return book;
    }

    private static Book xlsx(byte[] file, int maxRows) {
        List<Sheet> read = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (OPCPackage workbook = OPCPackage.open(new ByteArrayInputStream(file))) {
            XSSFReader reader = new XSSFReader(workbook);
            var strings = new ReadOnlySharedStringsTable(workbook);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new InvalidRequestException("file", "the workbook has no sheet");
            }
            while (sheets.hasNext()) {
                try (InputStream data = sheets.next()) {
                    String name = sheets.getSheetName();
                    ImportColumn.Sheet kind = read.isEmpty() ? ImportColumn.Sheet.CUSTOMERS
                            : ImportColumn.Sheet.named(name).orElse(null);
                    if (kind == null || read.stream().anyMatch(sheet -> sheet.kind() == kind)) {
                        ignored.add(name);
                        continue;
                    }
                    List<List<String>> rows = new ArrayList<>();
                    List<Integer> numbers = new ArrayList<>();
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
                            new Collector(rows, numbers, maxRows), new IsoDates(), false));
                    parser.parse(new InputSource(data));
                    if (rows.isEmpty() && kind != ImportColumn.Sheet.CUSTOMERS) {
                        // an empty visit or purchase sheet (the template's, unfilled) brings nothing
                        continue;
                    }
                    read.add(sheet(name, kind, rows, numbers));
                }
            }
        } catch (InvalidRequestException | TooManyRows refused) {
            throw refused instanceof TooManyRows ? tooMany(maxRows) : (InvalidRequestException) refused;
        } catch (Exception unreadable) {
            throw new InvalidRequestException("file", "not a readable Excel workbook (.xlsx) or CSV file");
        }
        return new Book("xlsx", null, read, List.copyOf(ignored));
    }

    private record Decoded(String text, String charset) {
    }

    /** The file's text: by its byte order mark, else UTF-8 if it is valid UTF-8, else GBK (GB18030). */
    private static Decoded decoded(byte[] file) {
        if (startsWith(file, new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            return new Decoded(new String(file, 3, file.length - 3, StandardCharsets.UTF_8), "UTF-8");
        }
        if (startsWith(file, new byte[]{(byte) 0xFF, (byte) 0xFE})) {
            return new Decoded(new String(file, 2, file.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE");
        }
        if (startsWith(file, new byte[]{(byte) 0xFE, (byte) 0xFF})) {
            return new Decoded(new String(file, 2, file.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE");
        }
        try {
            return new Decoded(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString(), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            return new Decoded(new String(file, GBK), "GBK");
        }
    }

    private static Book csv(byte[] file, int maxRows) {
        Decoded decoded = decoded(file);
        String text = decoded.text();
        List<List<String>> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        // a tab-separated file (as Excel's "Unicode text" saves it) has tabs in its header and no comma
        String header = text.lines().findFirst().orElse("");
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(header.contains("\t") && !header.contains(",") ? '\t' : ',').get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            int number = 0;
            for (CSVRecord record : parser) {
                number++;
                List<String> values = record.toList();
                if (number > 1 && values.stream().allMatch(value -> value == null || value.isBlank())) {
                    continue;
                }
                if (rows.size() > maxRows) {
                    throw tooMany(maxRows);
                }
                rows.add(values);
                numbers.add(number);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException unreadable) {
            throw new InvalidRequestException("file", "not a readable CSV file: " + unreadable.getMessage());
        }
        return new Book("csv", decoded.charset(), List.of(sheet(null, ImportColumn.Sheet.CUSTOMERS, rows, numbers)),
                List.of());
    }

    private static Sheet sheet(String name, ImportColumn.Sheet kind, List<List<String>> rows, List<Integer> numbers) {
        if (rows.isEmpty()) {
            throw new InvalidRequestException("file", name == null ? "the file is empty" : "the sheet " + name
                    + " is empty");
        }
        List<Row> data = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            data.add(new Row(numbers.get(i), rows.get(i)));
        }
        return new Sheet(name, kind, rows.get(0), data);
    }

    private static InvalidRequestException tooMany(int maxRows) {
        return new InvalidRequestException("file", "more than " + maxRows + " rows (archive.imports.max-rows): "
                + "split the file");
    }

    private static boolean startsWith(byte[] file, byte[] prefix) {
        return file.length >= prefix.length && Arrays.equals(file, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super(null, null, false, false);
        }
    }

    /** The rows of the sheet as strings, in their columns (an empty cell Excel leaves out is an empty string). */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<List<String>> rows;
        private final List<Integer> numbers;
        private final int maxRows;
        private List<String> current;

        Collector(List<List<String>> rows, List<Integer> numbers, int maxRows) {
            this.rows = rows;
            this.numbers = numbers;
            this.maxRows = maxRows;
        }

        @Override
        public void startRow(int rowNum) {
            current = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            boolean empty = current.stream().allMatch(value -> value == null || value.isBlank());
            if (empty && !rows.isEmpty()) {
                return;
            }
            if (rows.size() > maxRows) {
                throw new TooManyRows();
            }
            rows.add(current);
            numbers.add(rowNum + 1);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? current.size() : new CellReference(reference).getCol();
            while (current.size() < column) {
                current.add("");
            }
            current.add(value);
        }
    }

    /** Excel's date cells as ISO dates (or date-times when they carry a time), whatever display format they have. */
    private static final class IsoDates extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime at = DateUtil.getLocalDateTime(value, use1904, true);
                return at.toLocalTime().equals(LocalTime.MIDNIGHT) ? at.toLocalDate().toString() : at.toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }
}
