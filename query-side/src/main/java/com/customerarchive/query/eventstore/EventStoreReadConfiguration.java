package com.customerarchive.query.eventstore;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import com.customerarchive.events.upcasting.ArchiveUpcaster;
import com.customerarchive.platform.events.EventStoreTables;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * query-side streams command-side's event store straight from its tables, read-only, with plain JDBC
 * (no JPA mapping of tables it does not own); the one pass ({@code pass/}) reads it.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreReadConfiguration {


    @Bean
    EventStorageEngine eventStorageEngine(DataSource dataSource, TransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
            EventStoreProperties properties) {
        String schema = properties.schema();
        EventSchema tables = EventStoreTables.schema(schema);
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .schema(tables)
                .dataType(byte[].class)
                .upcasterChain(new EventUpcasterChain(new ArchiveUpcaster()))
                .batchSize(properties.fetchSize())
                .build();
    }

    /** One customer's stream, read by as-of and verify; the one pass reads the table itself ({@code pass/StoreReader}). */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return EmbeddedEventStore.builder().storageEngine(storageEngine).build();
    }
}
