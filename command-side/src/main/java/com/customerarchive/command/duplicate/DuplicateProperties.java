package com.customerarchive.command.duplicate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code archive.duplicates}: whether registrations and edits of identifying fields are checked against the archive
 * (the keys are kept either way, so turning the check on later finds every customer), and whether command-side computes
 * at start the keys of customers registered before the check existed.
 */
@ConfigurationProperties("archive.duplicates")
public record DuplicateProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean backfillOnStart) {
}
