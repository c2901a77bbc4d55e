package com.customerarchive.query.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * The feed published to Kafka: off unless {@code bootstrapServers} is set. The topic is created with
 * {@code partitions} and {@code replicationFactor} when it does not exist (an existing topic is left as it is: more
 * partitions would move customers' keys and break their order). {@code properties} go to the producer and the admin
 * client as they are (security.protocol, sasl.*, ssl.*, compression.type, …).
 */
@ConfigurationProperties("archive.kafka")
public record KafkaProperties(String bootstrapServers,
                              @DefaultValue("customer-archive.events") String topic,
                              @DefaultValue("6") int partitions,
                              @DefaultValue("1") short replicationFactor,
                              @DefaultValue("500") int batchSize,
                              Map<String, String> properties) {

    public KafkaProperties {
        if (topic == null || topic.isBlank() || partitions < 1 || replicationFactor < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "archive.kafka: topic must be named; partitions, replication-factor and batch-size must be positive");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
