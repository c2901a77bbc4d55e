package com.customerarchive.query.profile;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A card laid out on A4 as the seed's printed form: a title block, then sections of labelled fields (two to a line,
 * blank where the card has nothing, as a form to fill in by hand) and tables that run on to further pages with their
 * header repeated. One TrueType CJK font is embedded (the glyphs used only); a character the font lacks prints as
 * "?".
 */
final class CardPdf implements AutoCloseable {

    /** A labelled value; {@code wide} takes the whole line. */
    record Field(String label, String value, boolean wide) {
    }

    private static final float MARGIN = 40;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    private static final float BOTTOM = MARGIN + 14;
    private static final float SIZE = 9;
    private static final float LINE = 12;
    private static final float PAD = 3;
    private static final float LABEL_WIDTH = 84;

    private final PDDocument document = new PDDocument();
    private final TrueTypeCollection collection;
    private final PDType0Font font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private final String footer;
    private PDPageContentStream page;
    private int pages;
    private float y;

    CardPdf(File fontFile, String footer, String title, String author) throws IOException {
        this.footer = footer;
        this.collection = fontFile.getName().toLowerCase().endsWith(".ttc") ? new TrueTypeCollection(fontFile) : null;
        TrueTypeFont[] first = new TrueTypeFont[1];
        if (collection != null) {
            collection.processAllFonts(candidate -> {
                if (first[0] == null) {
                    first[0] = candidate;
                }
            });
            font = PDType0Font.load(document, first[0], true);
        } else {
            font = PDType0Font.load(document, fontFile);
        }
        PDDocumentInformation information = document.getDocumentInformation();
        information.setTitle(title);
        information.setAuthor(author);
        information.setCreator("Customer Archive");
    }

    /** A new page, the cursor at its top. */
    void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage sheet = new PDPage(PDRectangle.A4);
        document.addPage(sheet);
        page = new PDPageContentStream(document, sheet);
        pages++;
        y = TOP;
        text(footer + "  ·  " + pages, MARGIN, MARGIN - 4, 7);
    }

    void title(String title, String subtitle) throws IOException {
        float width = width(title, 16);
        text(title, MARGIN + (WIDTH - width) / 2, y - 16, 16);
        y -= 26;
        for (String line : wrap(subtitle, WIDTH, 8)) {
            text(line, MARGIN, y - 8, 8);
            y -= 11;
        }
        y -= 4;
    }

    /** A section's heading, on a new page when too little of this one is left. */
    void section(String heading) throws IOException {
        room(LINE * 4);
        page.setNonStrokingColor(0.9f, 0.9f, 0.9f);
        page.addRect(MARGIN, y - LINE - 2, WIDTH, LINE + 2);
        page.fill();
        page.setNonStrokingColor(0f, 0f, 0f);
        text(heading, MARGIN + PAD, y - LINE + 1, SIZE + 1);
        y -= LINE + 2;
    }

    /** A part of a section under its own small heading (the key persons, the sales against competitors). */
    void subheading(String heading) throws IOException {
        room(LINE * 3);
        text(heading, MARGIN + PAD, y - LINE + 3, SIZE);
        y -= LINE;
    }

    /** Fields two to a line (a wide one alone), each a label cell and a value cell, boxed. */
    void fields(List<Field> fields) throws IOException {
        float half = WIDTH / 2;
        for (int i = 0; i < fields.size(); ) {
            Field left = fields.get(i);
            Field right = !left.wide() && i + 1 < fields.size() && !fields.get(i + 1).wide() ? fields.get(i + 1) : null;
            float valueWidth = (left.wide() ? WIDTH : half) - LABEL_WIDTH - 2 * PAD;
            List<String> leftLines = wrap(left.value(), valueWidth, SIZE);
            List<String> rightLines = right == null ? List.of() : wrap(right.value(), valueWidth, SIZE);
            int lines = Math.max(1, Math.max(leftLines.size(), rightLines.size()));
            float height = lines * LINE + 2 * PAD;
            room(height);
            cell(MARGIN, LABEL_WIDTH, height, wrap(left.label(), LABEL_WIDTH - 2 * PAD, SIZE), true);
            cell(MARGIN + LABEL_WIDTH, (left.wide() ? WIDTH : half) - LABEL_WIDTH, height, leftLines, false);
            if (!left.wide()) {
                cell(MARGIN + half, LABEL_WIDTH, height, right == null ? List.of()
                        : wrap(right.label(), LABEL_WIDTH - 2 * PAD, SIZE), right != null);
                cell(MARGIN + half + LABEL_WIDTH, half - LABEL_WIDTH, height, rightLines, false);
            }
            y -= height;
            i += right == null ? 1 : 2;
        }
        y -= 6;
    }

    /** A table: its header row, then its rows, wrapped in their columns; the header again on each new page. */
    void table(List<String> header, float[] shares, List<List<String>> rows, int blankRows) throws IOException {
        float[] widths = new float[shares.length];
        float total = 0;
        for (float share : shares) {
            total += share;
        }
        for (int i = 0; i < shares.length; i++) {
            widths[i] = WIDTH * shares[i] / total;
        }
        headerRow(header, widths);
        List<List<String>> all = new ArrayList<>(rows);
        for (int i = 0; i < blankRows; i++) {
            all.add(List.of());
        }
        for (List<String> row : all) {
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < widths.length; i++) {
                List<String> wrapped = wrap(i < row.size() ? row.get(i) : "", widths[i] - 2 * PAD, SIZE);
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            float height = lines * LINE + 2 * PAD;
            if (y - height < BOTTOM) {
                newPage();
                headerRow(header, widths);
            }
            float x = MARGIN;
            for (int i = 0; i < widths.length; i++) {
                cell(x, widths[i], height, cells.get(i), false);
                x += widths[i];
            }
            y -= height;
        }
        y -= 6;
    }

    /** A line of text across the page. */
    void note(String text) throws IOException {
        for (String line : wrap(text, WIDTH, 8)) {
            room(11);
            text(line, MARGIN, y - 9, 8);
            y -= 11;
        }
    }

    byte[] bytes() throws IOException {
        if (page != null) {
            page.close();
            page = null;
        }
        var out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        try {
            document.close();
        } finally {
            if (collection != null) {
                collection.close();
            }
        }
    }

    private void headerRow(List<String> header, float[] widths) throws IOException {
        room(LINE + 2 * PAD + LINE);
        float x = MARGIN;
        float height = LINE + 2 * PAD;
        for (int i = 0; i < widths.length; i++) {
            cell(x, widths[i], height, wrap(header.get(i), widths[i] - 2 * PAD, SIZE), true);
            x += widths[i];
        }
        y -= height;
    }

    private void room(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    private void cell(float x, float width, float height, List<String> lines, boolean shaded) throws IOException {
        if (shaded) {
            page.setNonStrokingColor(0.96f, 0.96f, 0.96f);
            page.addRect(x, y - height, width, height);
            page.fill();
            page.setNonStrokingColor(0f, 0f, 0f);
        }
        page.setLineWidth(0.5f);
        page.addRect(x, y - height, width, height);
        page.stroke();
        float line = y - PAD - SIZE;
        for (String text : lines) {
            text(text, x + PAD, line, SIZE);
            line -= LINE;
        }
    }

    private void text(String text, float x, float baseline, float size) throws IOException {
        if (text == null || text.isEmpty()) {
            return;
        }
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(printable(text));
        page.endText();
    }

    /** The text in lines no wider than {@code width}: at spaces where it can, else between any two characters. */
    private List<String> wrap(String text, float width, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        for (String paragraph : text.split("\\R")) {
            String rest = printable(paragraph);
            while (width(rest, size) > width) {
                int cut = 1;
                while (cut < rest.length() && width(rest.substring(0, cut + 1), size) <= width) {
                    cut++;
                }
                int space = rest.lastIndexOf(' ', cut);
                boolean latin = cut < rest.length() && rest.charAt(cut) != ' ' && rest.charAt(cut) < 0x2E80;
                if (latin && space > 0) {
                    cut = space;
                }
                lines.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }

    private float width(String text, float size) throws IOException {
        return font.getStringWidth(printable(text)) / 1000 * size;
    }

    private String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            boolean known = glyphs.computeIfAbsent(codePoint, this::hasGlyph);
            out.appendCodePoint(known ? codePoint : '?');
        });
        return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException notInFont) {
            return false;
        }
    }

    static UncheckedIOException unchecked(IOException failed) {
        return new UncheckedIOException(failed);
    }
}
