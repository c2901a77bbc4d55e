package com.customerarchive.command.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * Customer imports ({@code archive.imports}).
 *
 * @param maxRows the most rows one file may hold
 * @param headers more header names by column field (e.g. {@code card.basic.name: [公司名称, Company]}), beside the
 *                Chinese and English names each column is known by
 */
@ConfigurationProperties("archive.imports")
record ImportProperties(Integer maxRows, Map<String, List<String>> headers) {

    ImportProperties {
        maxRows = maxRows == null ? 200_000 : maxRows;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
