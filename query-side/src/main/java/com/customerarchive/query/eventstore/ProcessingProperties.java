package com.customerarchive.query.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pooled streaming processors of every projection: events per transaction, segments a processor is
 * split into (the unit of sharing among instances) and worker threads per processor.
 */
@ConfigurationProperties("archive.processing")
public record ProcessingProperties(
        @DefaultValue("100") int batchSize,
        @DefaultValue("4") int segments,
        @DefaultValue("2") int workerThreads) {

    public ProcessingProperties {
        if (batchSize < 1 || segments < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("archive.processing values must be positive");
        }
    }
}
