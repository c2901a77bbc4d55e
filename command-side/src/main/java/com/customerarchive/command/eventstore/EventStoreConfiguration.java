package com.customerarchive.command.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.customerarchive.events.EventMetadata;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.axonframework.springboot.util.jpa.ContainerManagedEntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.SealingSnapshotSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The event store is Axon's JPA storage on PostgreSQL; Axon's token, saga and dead-letter entities are
 * left out (see application.yml) because command-side runs no event processor.
 */
@Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventStoreConfiguration {

    /** Axon's Jackson 2 mapper: instants and dates stored as ISO-8601 text, absent fields left out. */
    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Bean
    EntityManagerProvider entityManagerProvider() {
        return new ContainerManagedEntityManagerProvider();
    }

    /** Turns a duplicate (aggregate, sequence) key into Axon's concurrency exception: a race becomes a 409. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver(DataSource dataSource) throws SQLException {
        return new SQLErrorCodesResolver(dataSource);
    }

    /** Axon's JPA event storage, with each customer's events hash-chained on the way in and snapshots sealed. */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer, CustomerKeys keys,
            @Qualifier("defaultAxonObjectMapper") ObjectMapper json,
            PersistenceExceptionResolver persistenceExceptionResolver, EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager, JdbcClient jdbc) {
        // a snapshot holds the card in clear: sealed with its customer's key, blinded by the customer's erasure
        SealingSnapshotSerializer snapshots = new SealingSnapshotSerializer(json, keys);
        EventStorageEngine jpa = JpaEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshots)
                // an erased customer's snapshots no longer open: it loads from its events
                .snapshotFilter(snapshot -> snapshots.opens(snapshot.getAggregateIdentifier()))
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .build();
        return new HashChainingStorageEngine(jpa, eventSerializer, jdbc, 100_000);
    }

    /** Who, which request and when in the business: copied from every command to the events it causes. */
    @Bean
    CorrelationDataProvider requestCorrelationData() {
        return new SimpleCorrelationDataProvider(
                EventMetadata.ACTOR, EventMetadata.CORRELATION_ID, EventMetadata.OCCURRED_AT);
    }
}
