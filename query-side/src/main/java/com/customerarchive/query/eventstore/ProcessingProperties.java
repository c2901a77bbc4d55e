package com.customerarchive.query.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one pass: at most {@code batchSize} events are read and handed to the read models at once (the live pass
 * commits each batch); a rebuild writes out what it folded every {@code rebuildCheckpoint} events (or 2 seconds).
 */
@ConfigurationProperties("archive.processing")
public record ProcessingProperties(@DefaultValue("1000") int batchSize, @DefaultValue("20000") int rebuildCheckpoint) {

    public ProcessingProperties {
        if (batchSize < 1 || rebuildCheckpoint < 1) {
            throw new IllegalArgumentException("archive.processing.batch-size and rebuild-checkpoint must be positive");
        }
    }
}
