package com.customerarchive.query.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The one pass: at most this many events are handed to the read models in one transaction. */
@ConfigurationProperties("archive.processing")
public record ProcessingProperties(@DefaultValue("1000") int batchSize) {

    public ProcessingProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("archive.processing.batch-size must be positive");
        }
    }
}
