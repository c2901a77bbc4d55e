package com.customerarchive.query.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV answer read back as rows by header, quotes taken off; for test values holding no comma or line break. The byte
 * order mark every CSV answer starts with (for Excel) is taken off first.
 */
public final class Csv {

    private Csv() {
    }

    public static List<Map<String, String>> rows(String text) {
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).strip().split("\r?\n");
        String[] header = cells(lines[0]);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = cells(lines[i]);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < cells.length ? cells[c] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].length() >= 2 && cells[i].startsWith("\"") && cells[i].endsWith("\"")) {
                cells[i] = cells[i].substring(1, cells[i].length() - 1).replace("\"\"", "\"");
            }
        }
        return cells;
    }
}
