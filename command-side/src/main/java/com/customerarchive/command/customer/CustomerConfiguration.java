package com.customerarchive.command.customer;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customers stay in memory between commands (cache) and load from a recent snapshot when they do not. */
@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    Cache customerCache() {
        return new WeakReferenceCache();
    }

    @Bean
    SnapshotTriggerDefinition customerSnapshotTrigger(Snapshotter snapshotter, AggregateProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
