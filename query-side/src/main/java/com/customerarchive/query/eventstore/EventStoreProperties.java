package com.customerarchive.query.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where command-side's event store lives, read-only from here; how many events one query fetches, and how long
 * the stream waits before it asks the store again once it has read everything (the floor of projection lag).
 */
@ConfigurationProperties("archive.event-store")
public record EventStoreProperties(@DefaultValue("event_store") String schema, @DefaultValue("1000") int fetchSize,
                                   @DefaultValue("10ms") Duration pollDelay) {
}
