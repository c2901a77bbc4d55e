package com.customerarchive.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.customerarchive.command.handover.CustomerOwnerTable;
import com.customerarchive.events.EventMetadata;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import com.customerarchive.events.upcasting.ArchiveUpcaster;
import com.customerarchive.platform.events.EventStoreTables;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.serialization.Serializer;
import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.SealingSnapshotSerializer;
import com.customerarchive.command.customer.CustomerSnapshots;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import com.customerarchive.command.commit.GroupCommit;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import java.sql.SQLException;

/**
 * The event store is Axon's JDBC storage on PostgreSQL, in the Flyway-owned schema {@code event_store};
 * command-side runs no event processor.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {


    /**
     * Every command's unit of work in one database transaction: its events, the customer's key made with the first
     * one, and what the chain remembers after commit. Commands written at the same time share it ({@link GroupCommit},
     * {@code archive.writes.group-commit.*}); one sent inside a Spring transaction joins that. Declared here, as Axon's
     * auto-configuration may look for a transaction manager before Spring Boot's JDBC one exists and fall back to none.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions, DataSource dataSource,
            MeterRegistry meters,
            @Value("${archive.writes.group-commit.enabled:false}") boolean grouped,
            @Value("${archive.writes.group-commit.max-batch:64}") int maxBatch,
            @Value("${archive.writes.group-commit.max-wait:2ms}") Duration maxWait,
            @Value("${archive.writes.group-commit.commit-timeout:30s}") Duration commitTimeout) {
        TransactionManager alone = new SpringTransactionManager(transactions);
        return grouped ? new GroupCommit(dataSource, alone, maxBatch, maxWait, commitTimeout, meters) : alone;
    }

    /**
     * A duplicate (aggregate, sequence) key, PostgreSQL's 23505, is a race: Axon's concurrency exception, a 409.
     * Anything else (a lost connection) stays what it is. Axon's own resolver would look for JPA's exceptions,
     * which this app does not carry.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return failure -> {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Axon's JDBC event storage (measured against its JPA storage: no session, entity or flush per command), with
     * each customer's events hash-chained on the way in and snapshots sealed.
     */
    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer, CustomerKeys keys,
            @Qualifier("defaultAxonObjectMapper") ObjectMapper json, DataSource dataSource,
            PersistenceExceptionResolver persistenceExceptionResolver, PlatformTransactionManager transactions,
            JdbcClient jdbc, CustomerOwnerTable owners) {
        // a snapshot holds the card in clear: sealed with its customer's key, blinded by the customer's erasure
        SealingSnapshotSerializer snapshots = new SealingSnapshotSerializer(json, keys);
        EventStorageEngine store = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                // its own reads and appends join the command's transaction, whichever it is
                .transactionManager(new SpringTransactionManager(transactions))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshots)
                // an erased customer's snapshots no longer open, nor one of an older shape (a field the customer has
                // since learnt would read as empty): it loads from its events
                .snapshotFilter(snapshot -> snapshots.opens(snapshot.getAggregateIdentifier())
                        && (!"Customer".equals(snapshot.getType())
                        || CustomerSnapshots.REVISION.equals(snapshot.getPayload().getType().getRevision())))
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .schema(EventStoreTables.schema(""))
                .dataType(byte[].class)
                .upcasterChain(new EventUpcasterChain(new ArchiveUpcaster()))
                .build();
        return new HashChainingStorageEngine(store, eventSerializer, jdbc, 100_000, owners);
    }

    /** Who, which request and when in the business: copied from every command to the events it causes. */
    @Bean
    CorrelationDataProvider requestCorrelationData() {
        return new SimpleCorrelationDataProvider(
                EventMetadata.ACTOR, EventMetadata.CORRELATION_ID, EventMetadata.OCCURRED_AT,
                EventMetadata.BUSINESS_DAY);
    }
}
