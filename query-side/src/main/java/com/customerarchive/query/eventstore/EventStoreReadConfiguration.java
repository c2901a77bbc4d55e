package com.customerarchive.query.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.concurrent.Executors;

/**
 * query-side streams command-side's event store straight from its tables, read-only, with plain JDBC
 * (no JPA mapping of tables it does not own), and runs every projection in a pooled streaming processor.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreReadConfiguration {

    static final String FEED = "feed";

    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Bean
    EventStorageEngine eventStorageEngine(DataSource dataSource, TransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver, EventStoreProperties properties) {
        String schema = properties.schema();
        EventSchema tables = EventSchema.builder()
                .eventTable(schema + ".domain_event_entry")
                .snapshotTable(schema + ".snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .schema(tables)
                .dataType(byte[].class)
                .batchSize(properties.fetchSize())
                .build();
    }

    /**
     * The stream every processor reads: one producer shared by the processors that are at the head, asking the
     * store again {@code poll-delay} after it found nothing new (Axon's default waits a whole second, which
     * command-side's writes, made in another process, never cut short).
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.pollDelay().toMillis())
                .cleanupDelay(10_000)
                .build();
    }

    @Bean
    StoreHeadWatcher storeHeadWatcher(EmbeddedEventStore eventStore, JdbcClient jdbc, EventStoreProperties properties) {
        return new StoreHeadWatcher(eventStore, jdbc, properties.schema() + ".domain_event_entry", properties.pollDelay());
    }

    /** A projection that fails on an event retries it (with back-off) rather than skip it and drift from the store. */
    @Autowired
    void pooledStreamingProcessors(EventProcessingConfigurer processing, ProcessingProperties properties,
                                   ObjectProvider<StoreHeadWatcher> source) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        processing.usingPooledStreamingEventProcessors((configuration, builder) -> builder
                .messageSource(source.getObject())
                .batchSize(properties.batchSize())
                .initialSegmentCount(properties.segments())
                .maxClaimedSegments(properties.segments())
                .workerExecutor(name -> Executors.newScheduledThreadPool(
                        properties.workerThreads(), new AxonThreadFactory("worker-" + name))));
        // the feed counts positions in one transaction at a time: one segment, one writer
        processing.registerPooledStreamingEventProcessorConfiguration(FEED, (configuration, builder) -> builder
                .messageSource(source.getObject())
                .initialSegmentCount(1)
                .maxClaimedSegments(1));
    }
}
