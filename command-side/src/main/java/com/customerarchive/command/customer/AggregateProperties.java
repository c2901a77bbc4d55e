package com.customerarchive.command.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A snapshot of a customer is taken every {@code snapshotThreshold} events, so a long history loads fast; up to
 * {@code cacheSize} customers stay in memory between commands.
 */
@ConfigurationProperties("archive.aggregate")
public record AggregateProperties(@DefaultValue("100") int snapshotThreshold, @DefaultValue("20000") int cacheSize) {
}
