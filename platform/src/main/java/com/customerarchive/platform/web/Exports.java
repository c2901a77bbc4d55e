package com.customerarchive.platform.web;

import org.springframework.http.MediaType;

/** The export formats of lists and reports: CSV ({@link CsvMessageConverter}) and Excel ({@link XlsxMessageConverter}). */
public final class Exports {

    /** An Excel workbook. */
    public static final MediaType XLSX =
            new MediaType("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private Exports() {
    }

    /**
     * Whether a request's {@code Accept} header asks for an export (CSV or Excel): a list endpoint then answers every
     * row, not a page (an export is the whole list).
     */
    public static boolean asked(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            // named, not reached through a wildcard (*/* asks for JSON)
            return MediaType.parseMediaTypes(accept).stream().filter(type -> !type.isWildcardSubtype())
                    .anyMatch(type -> type.isCompatibleWith(CsvMessageConverter.TEXT_CSV) || type.isCompatibleWith(XLSX));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}
