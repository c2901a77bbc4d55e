package com.customerarchive.command.eventstore;

import com.customerarchive.command.handover.CustomerOwnerTable;
import com.customerarchive.events.CustomerEvent;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.privacy.EventHash;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chains each customer's events: before an event is stored, the hash of its canonical content (with the
 * previous event's hash) goes into its metadata. The payload is hashed as it will be stored, ciphertext and
 * all, which the serializer makes byte-for-byte repeatable (and writes out once: the store reuses those bytes).
 * The previous hash comes from the customer's last committed link, kept in memory; read from the store only when
 * this process did not write it. Who owns each customer is noted in the same transaction ({@link CustomerOwnerTable}).
 * Everything else is the JDBC engine's.
 */
final class HashChainingStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final JdbcClient jdbc;
    /** Who owns each customer, written with the events that change it. */
    private final CustomerOwnerTable owners;
    /** Each customer's newest committed link (sequence and hash): its next event needs no look-up in the store. */
    private final Cache<String, Head> heads;

    private record Head(long sequence, String hash) {
    }

    HashChainingStorageEngine(EventStorageEngine delegate, Serializer serializer, JdbcClient jdbc, long headsKept,
                              CustomerOwnerTable owners) {
        this.owners = owners;
        this.delegate = delegate;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.heads = Caffeine.newBuilder().maximumSize(headsKept).build();
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, Head> appended = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        List<CustomerOwnerTable.Stored> customerEvents = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof CustomerEvent customerEvent) {
                customerEvents.add(new CustomerOwnerTable.Stored(customerEvent, occurredAt(domain)));
                String customer = domain.getAggregateIdentifier();
                String previous = previousHash(customer, domain.getSequenceNumber() - 1, appended);
                SerializedType type = serializer.typeForClass(domain.getPayloadType());
                String hash = EventHash.of(new EventHash.Link(customer, domain.getSequenceNumber(),
                        domain.getIdentifier(), type.getName(), type.getRevision(),
                        DateTimeUtils.formatInstant(domain.getTimestamp()),
                        EventHash.parse(serializer.serialize(domain.getPayload(), byte[].class).getData()),
                        EventHash.parse(serializer.serialize(domain.getMetaData(), byte[].class).getData()), previous));
                appended.put(customer, new Head(domain.getSequenceNumber(), hash));
                chained.add(domain.andMetaData(Map.of(EventMetadata.HASH, hash)));
            } else {
                chained.add(event);
            }
        }
        delegate.appendEvents(chained);
        owners.record(customerEvents);
        // remembered once the transaction holding them commits; a rolled-back link is never a head
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    heads.putAll(appended);
                }
            });
        }
    }

    /** When the event happened in the business (its metadata), else when it is recorded. */
    private static java.time.Instant occurredAt(EventMessage<?> event) {
        Object occurredAt = event.getMetaData().get(EventMetadata.OCCURRED_AT);
        return occurredAt instanceof String text ? java.time.Instant.parse(text) : event.getTimestamp();
    }

    private String previousHash(String customer, long sequence, Map<String, Head> appended) {
        Head head = appended.get(customer);
        if (head == null) {
            head = heads.getIfPresent(customer);
        }
        if (head != null && head.sequence() == sequence) {
            return head.hash();
        }
        return storedHash(customer, sequence);
    }

    /** The hash stored with the customer's event {@code sequence}; "" before the first event. */
    private String storedHash(String customer, long sequence) {
        if (sequence < 0) {
            return "";
        }
        return jdbc.sql("SELECT meta_data FROM event_store.domain_event_entry "
                        + "WHERE aggregate_identifier = :id AND sequence_number = :sequence")
                .param("id", customer).param("sequence", sequence)
                .query(byte[].class).optional()
                .map(metaData -> EventHash.parse(metaData).path(EventMetadata.HASH).asText(""))
                .orElse("");
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
