package com.customerarchive.query.pass;

import com.customerarchive.events.EventMetadata;
import com.customerarchive.platform.web.DatabaseUnavailable;
import com.customerarchive.query.core.EventContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Events a read model could not handle, parked in Axon's sequenced dead-letter queue on PostgreSQL: one queue per
 * read model (its processing group), one sequence per customer. A customer's later events wait behind its dead
 * letter in that read model, while every other customer, and every other read model, carries on. Only the thread
 * of the one pass parks and retries, so what it holds in memory of who waits is what the table holds.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String ATTEMPTS = "attempts";
    private static final String AGGREGATE_TYPE = "Customer";
    private static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();
    private static final long COUNT_CACHE_NANOS = 1_000_000_000L;

    private final Map<String, JdbcSequencedDeadLetterQueue<EventMessage<?>>> queues = new ConcurrentHashMap<>();
    private final Function<String, JdbcSequencedDeadLetterQueue<EventMessage<?>>> queueOf;
    private final JdbcClient jdbc;
    /** Read model → the customers whose events wait in its queue; the pass thread's view. */
    private final Map<String, Set<String>> waiting = new HashMap<>();
    private final Counter parked;
    private volatile Map<String, Long> counts = Map.of();
    private volatile long countedAt;

    DeadLetters(DataSource dataSource, TransactionManager transactionManager, JdbcClient jdbc,
                @Qualifier("eventSerializer") Serializer eventSerializer, Serializer serializer,
                List<ReadModel> models, MeterRegistry meters) {
        this.jdbc = jdbc;
        SpringDataSourceConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        this.queueOf = model -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(model)
                .connectionProvider(connections)
                .transactionManager(transactionManager)
                .schema(SCHEMA)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                // a dead letter holds its customer's later events back: none may be refused for lack of room
                .maxSequences(Integer.MAX_VALUE)
                .maxSequenceSize(Integer.MAX_VALUE)
                .claimDuration(Duration.ofSeconds(30))
                .build();
        this.parked = Counter.builder("archive.dead.letters.parked")
                .description("Events a read model could not handle, parked with their customer's later ones")
                .register(meters);
        for (ReadModel model : models) {
            Gauge.builder("archive.dead.letters", this, letters -> letters.count(model.name()))
                    .description("Events waiting in a read model's dead-letter queue").tag("model", model.name())
                    .register(meters);
        }
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(String model) {
        return queues.computeIfAbsent(model, queueOf);
    }

    /** Whether a failure is the event's own (it will fail again) rather than the database's or a race's. */
    static boolean poison(Throwable failure) {
        if (DatabaseUnavailable.causes(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof ConcurrencyFailureException
                    || cause instanceof InterruptedException) {
                return false;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // transaction rollback (serialization, deadlock), resources, lock not available, cancelled, system
                if (state.startsWith("40") || state.startsWith("53") || state.startsWith("55")
                        || state.startsWith("57") || state.startsWith("58") || state.startsWith("XX")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Reads who waits from the table; when the pass starts, and after a batch that parked events rolled back. */
    void load() {
        waiting.clear();
        jdbc.sql("SELECT DISTINCT processing_group, sequence_identifier FROM dead_letter_entry")
                .query((row, n) -> waiting.computeIfAbsent(row.getString(1), model -> new HashSet<>()).add(row.getString(2)))
                .list();
    }

    /** Whether any customer waits in any read model. */
    boolean any() {
        return !waiting.isEmpty();
    }

    /** Whether any customer's events wait in this read model's queue. */
    boolean holds(String model) {
        Set<String> customers = waiting.get(model);
        return customers != null && !customers.isEmpty();
    }

    boolean waits(String model, PassEvent event) {
        Set<String> customers = waiting.get(model);
        return customers != null && customers.contains(event.customerId().toString());
    }

    /** The events of customers that do not wait in the read model; those of customers that do join their queue. */
    List<PassEvent> pass(String model, List<PassEvent> events) {
        Set<String> customers = waiting.get(model);
        if (customers == null) {
            return events;
        }
        List<PassEvent> passing = new ArrayList<>(events.size());
        for (PassEvent event : events) {
            if (customers.contains(event.customerId().toString())) {
                behind(model, event);
            } else {
                passing.add(event);
            }
        }
        return passing;
    }

    /** Parks an event behind its customer's dead letter in the read model, inside the caller's transaction. */
    void behind(String model, PassEvent event) {
        String customer = event.customerId().toString();
        queue(model).enqueue(customer, new GenericDeadLetter<>(customer, message(event)));
        parked.increment();
    }

    /** Parks an event the read model failed on, as the head of its customer's sequence there. */
    void park(String model, PassEvent event, Throwable failure) {
        String customer = event.customerId().toString();
        Instant now = Instant.now();
        queue(model).enqueue(customer, new GenericDeadLetter<>(customer, message(event), cause(failure), now, now,
                MetaData.with(ATTEMPTS, 1)));
        waiting.computeIfAbsent(model, name -> new HashSet<>()).add(customer);
        parked.increment();
        // no personal data: the model, the event's place in the store and the failure's kind only
        log.error("read model {} could not handle event {} at position {} ({}); it and its customer's later events wait "
                + "in the dead-letter queue", model, event.event().getClass().getSimpleName(), event.position(), cause(failure).type());
    }

    /** What an operator asked to retry: one read model, one customer, or (both null) everything. */
    public record Request(long id, String model, String customerId) {
    }

    /** How a retry went: letters tried, sequences emptied, sequences still waiting. */
    public record Outcome(int retried, int recovered, int stillDead) {
    }

    /** Handles one parked event in its read model, alone; throws what the read model threw. */
    @FunctionalInterface
    interface Handler {
        void handle(String model, PassEvent event);
    }

    /**
     * Retries the dead letters the request covers, each sequence from its head in its customer's order, inside the
     * caller's transaction: a letter that goes through leaves, and its sequence's next is tried; one that fails again
     * stays at the head with the new cause and one more attempt.
     */
    Outcome retry(Request request, List<String> models, Handler handler) {
        int retried = 0;
        int recovered = 0;
        int stillDead = 0;
        for (String model : models) {
            if (request.model() != null && !request.model().equals(model)) {
                continue;
            }
            Set<String> customers = waiting.getOrDefault(model, Set.of());
            Set<String> tried = new HashSet<>();
            int[] letters = {0};
            while (queue(model).process(letter -> {
                String customer = customerOf(letter);
                return !tried.contains(customer) && (request.customerId() == null
                        || request.customerId().equals(customer));
            }, letter -> {
                tried.add(customerOf(letter));
                letters[0]++;
                return attempt(model, letter, handler);
            })) {
                // one sequence per call, as far as it goes
            }
            retried += letters[0];
            for (String customer : tried) {
                if (queue(model).contains(customer)) {
                    stillDead++;
                } else {
                    recovered++;
                    customers.remove(customer);
                }
            }
            if (customers.isEmpty()) {
                waiting.remove(model);
            }
        }
        return new Outcome(retried, recovered, stillDead);
    }

    private static EnqueueDecision<EventMessage<?>> attempt(String model, DeadLetter<? extends EventMessage<?>> letter,
                                                           Handler handler) {
        PassEvent event = event(letter.message());
        try {
            handler.handle(model, event);
            return Decisions.evict();
        } catch (RuntimeException failed) {
            if (!poison(failed)) {
                throw failed;
            }
            long next = attempts(letter) + 1;
            return Decisions.requeue(cause(failed), dead -> dead.diagnostics().and(ATTEMPTS, next));
        }
    }

    /** How often the letter's event was tried: its first failure counts one. */
    private static long attempts(DeadLetter<?> letter) {
        return letter.diagnostics().get(ATTEMPTS) instanceof Number number ? number.longValue() : 0;
    }

    private static String customerOf(DeadLetter<? extends EventMessage<?>> letter) {
        return ((DomainEventMessage<?>) letter.message()).getAggregateIdentifier();
    }

    /** The retries asked for and not yet carried out, oldest first. */
    List<Request> requests() {
        return jdbc.sql("SELECT id, model, customer_id FROM dead_letter_retry WHERE done_at IS NULL ORDER BY id")
                .query((row, n) -> new Request(row.getLong(1), row.getString(2), row.getString(3))).list();
    }

    void done(Request request, Outcome outcome, Instant at) {
        jdbc.sql("""
                        UPDATE dead_letter_retry SET done_at = :at, retried = :retried, recovered = :recovered,
                            still_dead = :stillDead WHERE id = :id""")
                .param("at", java.sql.Timestamp.from(at)).param("retried", outcome.retried())
                .param("recovered", outcome.recovered()).param("stillDead", outcome.stillDead()).param("id", request.id())
                .update();
    }

    /** Asks whichever instance runs the pass to retry; @return the request's id */
    public long requestRetry(String model, String customerId, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO dead_letter_retry (model, customer_id, requested_by, requested_at)
                        VALUES (:model, :customer, :by, :at) RETURNING id""")
                .param("model", model).param("customer", customerId).param("by", by)
                .param("at", java.sql.Timestamp.from(at)).query(Long.class).single();
    }

    /** How a retry went, once it was carried out. */
    public java.util.Optional<Outcome> outcome(long request) {
        return jdbc.sql("SELECT retried, recovered, still_dead FROM dead_letter_retry WHERE id = :id AND done_at IS NOT NULL")
                .param("id", request)
                .query((row, n) -> new Outcome(row.getInt(1), row.getInt(2), row.getInt(3))).optional();
    }

    /** One parked event: where it stands in the store and in its customer's stream, why it is parked, since when. */
    public record Letter(long position, String eventId, String type, long version, Instant enqueuedAt,
                         Instant lastTouched, String causeType, String causeMessage, long attempts) {
    }

    /**
     * A customer's events waiting in one read model, in their order; the first failed (its cause), the others
     * wait behind it (no cause).
     */
    public record Sequence(String model, String customerId, List<Letter> letters) {
    }

    /** Every waiting sequence (optionally of one read model or one customer), through Axon's queues. */
    public List<Sequence> list(List<String> models, String onlyModel, String onlyCustomer) {
        List<Sequence> sequences = new ArrayList<>();
        for (String model : models) {
            if (onlyModel != null && !onlyModel.equals(model)) {
                continue;
            }
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(model).deadLetters()) {
                List<Letter> letters = new ArrayList<>();
                String customer = null;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    DomainEventMessage<?> message = (DomainEventMessage<?>) letter.message();
                    customer = message.getAggregateIdentifier();
                    letters.add(new Letter(PassEvent.positionOf(message), message.getIdentifier(),
                            EventContext.typeOf(message.getPayloadType()),
                            message.getSequenceNumber() + 1, letter.enqueuedAt(), letter.lastTouched(),
                            letter.cause().map(cause -> cause.type()).orElse(null),
                            letter.cause().map(cause -> cause.message()).orElse(null),
                            attempts(letter)));
                }
                if (customer != null && (onlyCustomer == null || onlyCustomer.equals(customer))) {
                    sequences.add(new Sequence(model, customer, letters));
                }
            }
        }
        return sequences;
    }

    /** Letters in all read models, from a one-second-old count (the gauge's and the list's). */
    long count(String model) {
        if (System.nanoTime() - countedAt > COUNT_CACHE_NANOS) {
            Map<String, Long> now = new HashMap<>();
            jdbc.sql("SELECT processing_group, count(*) FROM dead_letter_entry GROUP BY processing_group")
                    .query((row, n) -> now.put(row.getString(1), row.getLong(2))).list();
            counts = now;
            countedAt = System.nanoTime();
        }
        return counts.getOrDefault(model, 0L);
    }

    /** The stored event as Axon's message, with its place in the store as a tracking token. */
    static EventMessage<?> message(PassEvent event) {
        Map<String, Object> meta = new HashMap<>();
        if (event.context().actor() != null) {
            meta.put(EventMetadata.ACTOR, event.context().actor());
        }
        if (event.context().correlationId() != null) {
            meta.put(EventMetadata.CORRELATION_ID, event.context().correlationId());
        }
        if (event.context().occurredAt() != null) {
            meta.put(EventMetadata.OCCURRED_AT, event.context().occurredAt().toString());
        }
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.customerId().toString(),
                event.sequence() - 1, event.event(), meta, event.eventId(), event.context().recordedAt());
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(event.position()), message);
    }

    static PassEvent event(EventMessage<?> message) {
        return PassEvent.of((DomainEventMessage<?>) message);
    }

    /**
     * The failure as it is kept and shown: its kind and its first line (a database error's detail, which may quote
     * the values of a row, is left out).
     */
    static ThrowableCause cause(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
            if (cause instanceof SQLException) {
                break;
            }
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        if (root instanceof SQLException sql && sql.getSQLState() != null) {
            message = "SQLSTATE " + sql.getSQLState() + ": " + message;
        }
        return new ThrowableCause(root.getClass().getName(), message);
    }
}
