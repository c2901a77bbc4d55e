package com.customerarchive.query.feed;

import com.customerarchive.query.pass.HeldByOne;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the feed to Kafka, entry by entry in position order: each as the structured-mode CloudEvent the feed
 * serves (its JSON as the value, {@code content-type: application/cloudevents+json}), keyed by customer id so that a
 * customer's events keep their order in one partition. The last position the broker acknowledged is stored in
 * {@code kafka_publication}; a page is sent, all of it acknowledged, then its last position stored, so a restart or
 * an outage resumes after the stored position: at least once, in order per customer, no gap. One query-side
 * instance publishes at a time (an advisory lock); the others take over when it stops.
 */
@Component
@ConditionalOnExpression("!'${archive.kafka.bootstrap-servers:}'.isBlank()")
class KafkaPublisher implements SmartLifecycle {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final long LOCK_KEY = 0x43415f4b4146L; // "CA_KAF"
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final KafkaProperties properties;
    private final FeedRepository feed;
    private final FeedSubscriptions subscriptions;
    private final HeldByOne held;
    private final DefaultKafkaProducerFactory<String, String> producers;
    private final KafkaTemplate<String, String> template;
    private final long ackTimeoutMillis;
    private final AtomicLong position = new AtomicLong(-1);
    private final AtomicLong publishing = new AtomicLong();
    private final Counter published;
    private final Counter failed;
    private volatile boolean running;
    private volatile Thread thread;

    KafkaPublisher(KafkaProperties properties, FeedRepository feed, FeedSubscriptions subscriptions,
                   DataSource dataSource, MeterRegistry meters) {
        this.properties = properties;
        this.feed = feed;
        this.subscriptions = subscriptions;
        this.held = new HeldByOne("the Kafka publisher", LOCK_KEY, dataSource);
        Map<String, Object> config = producerConfig(properties);
        this.ackTimeoutMillis = Long.parseLong(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString()) + 5_000;
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer());
        this.producers.addListener(new MicrometerProducerListener<>(meters));
        this.template = new KafkaTemplate<>(producers);
        this.published = Counter.builder("archive.kafka.published")
                .description("Feed entries published to Kafka and acknowledged by the broker").register(meters);
        this.failed = Counter.builder("archive.kafka.failed")
                .description("Feed entries whose publishing to Kafka failed (sent again from the stored position)")
                .register(meters);
        Gauge.builder("archive.kafka.lag", () -> position.get() < 0 ? Double.NaN
                        : Math.max(subscriptions.head() - position.get(), 0))
                .description("Feed entries not yet acknowledged by Kafka (NaN until the publisher has read its position)")
                .register(meters);
        Gauge.builder("archive.kafka.position", () -> position.get() < 0 ? Double.NaN : position.get())
                .description("The last feed position Kafka acknowledged").register(meters);
        Gauge.builder("archive.kafka.publishing", publishing::get)
                .description("1 on the query-side instance that publishes to Kafka now").register(meters);
    }

    /** What the producer and the admin client both need: the brokers, and the operator's settings (TLS, SASL, …). */
    private static Map<String, Object> clientConfig(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.properties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        return config;
    }

    private static Map<String, Object> producerConfig(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "customer-archive-feed");
        // every acknowledged record is on all in-sync replicas; retries never reorder nor duplicate within a session
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // an unreachable broker fails a page within half a minute; the page is sent again from the stored position
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putAll(clientConfig(properties));
        return config;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(() -> held.run(() -> running, this::publishHolding, failure -> {
            publishing.set(0);
            // a producer that failed may hold records it can no longer order: the next page starts a new one
            producers.reset();
        }), "kafka-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producers.destroy();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void publishHolding(Connection lock) throws InterruptedException, SQLException {
        createTopicIfAbsent();
        publishing.set(1);
        long after = feed.publishedOn(properties.topic());
        position.set(after);
        while (running) {
            if (!lock.isValid(2)) {
                throw new SQLException("the connection holding the Kafka publisher's lock is gone");
            }
            List<FeedRepository.Entry> page = feed.page(after, properties.batchSize(), null, null);
            if (page.isEmpty()) {
                subscriptions.awaitHeadBeyond(after);
                continue;
            }
            send(page);
            after = page.get(page.size() - 1).position();
            feed.published(properties.topic(), after);
            position.set(after);
            published.increment(page.size());
        }
        publishing.set(0);
    }

    /** Sends a page and waits until the broker acknowledged every entry of it. */
    private void send(List<FeedRepository.Entry> page) throws InterruptedException {
        List<CompletableFuture<?>> acks = new ArrayList<>(page.size());
        try {
            for (FeedRepository.Entry entry : page) {
                ProducerRecord<String, String> record = new ProducerRecord<>(properties.topic(), entry.subject(),
                        entry.cloudEvent());
                record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                acks.add(template.send(record));
            }
            for (CompletableFuture<?> ack : acks) {
                ack.get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            long acknowledged = acks.stream().filter(ack -> ack.isDone() && !ack.isCompletedExceptionally()).count();
            failed.increment(page.size() - acknowledged);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not acknowledge the page after position "
                    + (page.get(0).position() - 1) + ": " + cause, cause);
        }
    }

    private void createTopicIfAbsent() throws InterruptedException {
        Map<String, Object> config = clientConfig(properties);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(properties.topic(), properties.partitions(),
                    properties.replicationFactor()))).all().get(20, TimeUnit.SECONDS);
            log.info("created the Kafka topic {} ({} partitions)", properties.topic(), properties.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("the Kafka topic could not be created: " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 20 s", e);
        }
    }
}
