package com.customerarchive.command.customer;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customers stay in memory between commands (a bounded cache) and load from a recent sealed snapshot when they do not. */
@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    Cache customerCache(AggregateProperties properties) {
        return new BoundedCache(properties.cacheSize());
    }

    @Bean
    SnapshotTriggerDefinition customerSnapshotTrigger(Snapshotter snapshotter, AggregateProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
