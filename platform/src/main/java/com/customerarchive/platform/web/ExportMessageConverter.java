package com.customerarchive.platform.web;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/** An export format of lists and reports ({@link Exports}): written from any answer, never read. */
abstract class ExportMessageConverter extends AbstractHttpMessageConverter<Object> {

    ExportMessageConverter(MediaType... types) {
        super(types);
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
        throw new UnsupportedOperationException("an export format is for answers only");
    }
}
