package com.customerarchive.query.kafka;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.Monitoring;
import com.customerarchive.query.support.Prometheus;
import com.customerarchive.query.support.Visits;
import com.customerarchive.testsupport.Api;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.KafkaMessageFactory;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed published to Kafka (spring-kafka-test's embedded KRaft broker), read back by a plain consumer as an
 * integrator would: every feed position there, each customer's events in their order, the CloudEvents attributes on
 * each record; the broker stopped while events are written and started again: nothing is lost, the publisher catches
 * up on its own.
 */
class KafkaPublisherTest extends BothAppsTest {

    private static final String TOPIC = "customer-archive.events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EmbeddedKafkaKraftBroker KAFKA = new Kafka43Broker();

    static {
        KAFKA.afterPropertiesSet();
    }

    /**
     * spring-kafka-test's KRaft broker on Kafka 4.3's test kit, which names its address otherwise than the 4.2 kit
     * spring-kafka-test 4.1.2 was built on ({@code bootstrapServers()}, not {@code clientProperties()}).
     */
    static final class Kafka43Broker extends EmbeddedKafkaKraftBroker {

        Kafka43Broker() {
            super(1, 3);
        }

        @Override
        public String getBrokersAsString() {
            return java.util.Objects.requireNonNull(getCluster(), "the broker is not started").bootstrapServers();
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("archive.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        registry.add("archive.kafka.partitions", () -> "3");
        // small pages, and an outage noticed within seconds rather than the default half minute
        registry.add("archive.kafka.batch-size", () -> "100");
        registry.add("archive.kafka.properties.request.timeout.ms", () -> "3000");
        registry.add("archive.kafka.properties.delivery.timeout.ms", () -> "6000");
        registry.add("archive.kafka.properties.max.block.ms", () -> "3000");
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.destroy();
    }

    @LocalServerPort
    int port;

    /** A record as the consumer received it, in the order of its partition. */
    record Received(int partition, String key, long position, String id, String subject, long sequence,
                    Map<String, String> headers, JsonNode cloudEvent, CloudEvent sdk) {
    }

    @Test
    void a_consumer_sees_every_feed_entry_in_order_per_customer_and_nothing_is_lost_across_a_broker_outage()
            throws Exception {
        Api queries = new Api("http://localhost:" + port);
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consume(received, consuming), "test-consumer");
        consumer.start();
        try {
            write(commands, "before", 8, 3);
            long head = awaitFeedHead(queries);
            await().atMost(Duration.ofSeconds(60)).until(() -> positions(received).containsAll(range(1, head)));

            // the broker goes while the reps go on writing: the publisher fails, keeps its position, and waits
            BrokerServer broker = KAFKA.getCluster().brokers().values().iterator().next();
            broker.shutdown();
            broker.awaitShutdown();
            write(commands, "outage", 6, 4);
            long outageHead = awaitFeedHead(queries);
            assertThat(outageHead).isGreaterThan(head);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Prometheus.value(queries, "archive_kafka_failed_total") > 0);
            assertThat(Prometheus.value(queries, "archive_kafka_lag")).as("entries Kafka has not acknowledged")
                    .isPositive();

            broker.startup();
            write(commands, "after", 4, 2);
            long end = awaitFeedHead(queries);
            await().atMost(Duration.ofSeconds(120)).until(() -> positions(received).containsAll(range(1, end)));
            await().atMost(Duration.ofSeconds(10)).until(() -> Prometheus.value(queries, "archive_kafka_lag") == 0);
            assertThat(Prometheus.value(queries, "archive_kafka_published_total")).isGreaterThanOrEqualTo(end);
            assertThat(Prometheus.value(queries, "archive_kafka_publishing")).isEqualTo(1);

            List<Received> seen = List.copyOf(received);
            assertThat(positions(seen)).as("every feed position, and only those").isEqualTo(new TreeSet<>(range(1, end)));

            // the same event wherever a position was delivered again (at least once, never another event)
            Map<Long, String> idAt = new HashMap<>();
            for (Received record : seen) {
                assertThat(idAt.putIfAbsent(record.position(), record.id()))
                        .as("the event at position " + record.position()).isIn(null, record.id());
            }

            // per customer: one partition, and its events in the order of the feed (a resend goes back, never skips)
            Map<String, TreeSet<Long>> positionsOf = new HashMap<>();
            seen.forEach(record -> positionsOf.computeIfAbsent(record.subject(), s -> new TreeSet<>()).add(record.position()));
            Map<String, Integer> partitionOf = new HashMap<>();
            Map<String, Long> highest = new HashMap<>();
            for (Received record : seen) {
                assertThat(record.key()).as("keyed by customer id").isEqualTo(record.subject());
                assertThat(partitionOf.computeIfAbsent(record.key(), key -> record.partition()))
                        .as("partition of customer " + record.key()).isEqualTo(record.partition());
                long previous = highest.getOrDefault(record.key(), 0L);
                if (record.position() > previous) {
                    assertThat(record.position()).as("the entry of customer " + record.key() + " after position " + previous)
                            .isEqualTo(positionsOf.get(record.key()).higher(previous));
                    highest.put(record.key(), record.position());
                }
            }
            Map<String, List<Long>> sequences = new LinkedHashMap<>();
            Map<Long, Received> first = new java.util.TreeMap<>();
            seen.forEach(record -> first.putIfAbsent(record.position(), record));
            first.values().stream().filter(record -> record.position() > head)
                    .forEach(record -> sequences.computeIfAbsent(record.subject(), s -> new ArrayList<>()).add(record.sequence()));
            assertThat(sequences).as("customers written during and after the outage").hasSize(6 + 4);
            sequences.values().forEach(each -> assertThat(each).isEqualTo(
                    LongStream.rangeClosed(1, each.size()).boxed().toList()));

            // each record is the feed's own CloudEvent in structured mode, as the CloudEvents SDK's Kafka binding reads it
            for (Received record : seen) {
                CloudEvent decoded = record.sdk();
                assertThat(decoded.getSpecVersion()).isEqualTo(SpecVersion.V1);
                assertThat(decoded.getId()).isEqualTo(record.id());
                assertThat(decoded.getSubject()).isEqualTo(record.subject());
                assertThat(decoded.getType()).isEqualTo(record.cloudEvent().get("type").asString());
                assertThat(decoded.getSource()).hasToString("urn:customer-archive:command-side");
                assertThat(decoded.getDataContentType()).isEqualTo("application/json");
                assertThat(decoded.getExtension("position")).hasToString(Long.toString(record.position()));
                assertThat(decoded.getData()).isNotNull();
                assertThat(JSON.readTree(decoded.getData().toBytes())).isEqualTo(record.cloudEvent().get("data"));
                assertThat(record.headers()).containsEntry("content-type", "application/cloudevents+json; charset=UTF-8");
                JsonNode event = record.cloudEvent();
                assertThat(event.get("specversion").asString()).isEqualTo("1.0");
                assertThat(event.get("source").asString()).isEqualTo("urn:customer-archive:command-side");
                assertThat(event.get("type").asString()).startsWith("customerarchive.");
                assertThat(event.get("time").asString()).isNotBlank();
                assertThat(event.has("data")).isTrue();
            }
            List<JsonNode> feed = new ArrayList<>();
            long after = 0;
            while (after < end) {
                JsonNode page = queries.get("/api/events?after=" + after + "&limit=1000", "integrator").json();
                page.get("events").forEach(feed::add);
                after = page.get("next").asLong();
            }
            Map<Long, JsonNode> onKafka = new HashMap<>();
            seen.forEach(record -> onKafka.putIfAbsent(record.position(), record.cloudEvent()));
            for (JsonNode entry : feed) {
                assertThat(onKafka.get(entry.get("position").asLong())).as("position " + entry.get("position"))
                        .isEqualTo(entry);
            }
        } finally {
            consuming.set(false);
            consumer.join(10_000);
        }
    }

    @Test
    void the_publishers_meters_are_those_the_dashboard_and_the_alert_rules_query_and_pass_promtool() throws Exception {
        Api queries = new Api("http://localhost:" + port);
        write(new Api(COMMAND_SIDE.baseUrl()), "meters", 1, 1);
        long head = awaitFeedHead(queries);
        await().atMost(Duration.ofSeconds(60)).until(() -> Prometheus.value(queries, "archive_kafka_position") >= head);
        String exposed = Monitoring.scrape("http://localhost:" + port);
        Set<String> queried = Monitoring.metricsIn(Monitoring.alertRules() + "\n"
                + String.join("\n", Monitoring.dashboardExpressions()));
        Set<String> kafka = new TreeSet<>(queried.stream().filter(name -> name.startsWith("archive_kafka_")).toList());
        assertThat(kafka).contains("archive_kafka_lag", "archive_kafka_published_total", "archive_kafka_failed_total");
        for (String metric : kafka) {
            assertThat(exposed).as("a Kafka metric the dashboard or the alerts query")
                    .containsPattern("(?m)^" + metric + "[{ ]");
        }
        // with the Kafka producer's own meters (Micrometer's Kafka binder) beside them
        assertThat(exposed).containsPattern("(?m)^kafka_producer_");
        // the Kafka client names its own meters (…_time_ns_total, connection_count, as Kafka's dashboards query them);
        // everything else passes the lint as it does without Kafka
        assertThat(Monitoring.lint(exposed)).as("promtool check metrics")
                .filteredOn(line -> !line.startsWith("kafka_producer_") && !line.startsWith("kafka_app_info_"))
                .isEmpty();
    }

    private static void consume(List<Received> into, AtomicBoolean consuming) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "integrator-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            while (consuming.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode event = JSON.readTree(record.value());
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    CloudEvent sdk = KafkaMessageFactory.createReader(record.headers(),
                            record.value().getBytes(StandardCharsets.UTF_8)).toEvent();
                    into.add(new Received(record.partition(), record.key(), event.get("position").asLong(),
                            event.get("id").asString(), event.get("subject").asString(),
                            event.get("sequence").asLong(), headers, event, sdk));
                }
            }
        } catch (RuntimeException e) {
            if (consuming.get()) {
                throw e;
            }
        }
    }

    private static Set<Long> positions(List<Received> received) {
        Set<Long> positions = new TreeSet<>();
        received.forEach(record -> positions.add(record.position()));
        return positions;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /** Waits until the feed holds everything in the store, and returns its head. */
    private static long awaitFeedHead(Api queries) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Prometheus.value(queries, "archive_projection_lag", "projection", "feed") == 0);
        JsonNode page = queries.get("/api/events?after=0&limit=1&type=NoSuchType", "integrator").json();
        return page.get("next").asLong();
    }

    private static void write(Api commands, String batch, int customers, int visitsEach) {
        Visits.customersWithVisits(commands, "kafka-" + batch, "Kafka " + batch, customers, visitsEach);
    }
}
