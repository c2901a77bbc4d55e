package com.customerarchive.query.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where command-side's event store lives, read-only from here. */
@ConfigurationProperties("archive.event-store")
public record EventStoreProperties(@DefaultValue("event_store") String schema, @DefaultValue("100") int fetchSize) {
}
