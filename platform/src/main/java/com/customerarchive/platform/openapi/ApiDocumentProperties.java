package com.customerarchive.platform.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The OpenAPI document's title and description ({@code archive.api.*}); its version is the build's. */
@ConfigurationProperties("archive.api")
public record ApiDocumentProperties(String title, String description) {
}
