package com.customerarchive.query.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one pass: at most {@code batchSize} events are read and handed to the read models at once (the live pass
 * commits each batch); a rebuild writes out what it folded every {@code rebuildCheckpoint} events (or 2 seconds).
 * After a batch of only a few events (under a tenth of a batch) the live pass may wait {@code liveGather} before it
 * reads again, so that under load more events share each batch's transaction; by default (zero) it reads again at
 * once: on this machine 5 ms showed no gain in throughput and a worse projection lag tail (README, Performance).
 */
@ConfigurationProperties("archive.processing")
public record ProcessingProperties(@DefaultValue("1000") int batchSize, @DefaultValue("20000") int rebuildCheckpoint,
                                   @DefaultValue("0ms") java.time.Duration liveGather) {

    public ProcessingProperties {
        if (batchSize < 1 || rebuildCheckpoint < 1) {
            throw new IllegalArgumentException("archive.processing.batch-size and rebuild-checkpoint must be positive");
        }
        if (liveGather.isNegative() || liveGather.compareTo(java.time.Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("archive.processing.live-gather must lie between 0 and 100ms");
        }
    }
}
