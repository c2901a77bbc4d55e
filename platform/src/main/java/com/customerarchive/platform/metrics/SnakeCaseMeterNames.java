package com.customerarchive.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Axon names its meters and tags in camelCase ({@code commandBus.allTimer}, {@code payloadType}); Prometheus
 * wants snake_case, help text and no type in a name, so every meter leaves as
 * {@code command_bus_all_timer{payload_type=…}} and {@code command_bus_failure_total}.
 */
@AutoConfiguration
@ConditionalOnClass(MeterFilter.class)
public class SnakeCaseMeterNames {

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    @Bean
    MeterFilter prometheusFriendlyNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = snake(id.getName());
                if (id.getType() == Meter.Type.COUNTER && name.endsWith("_counter")) {
                    name = name.substring(0, name.length() - "_counter".length());
                }
                String description = id.getDescription() != null ? id.getDescription() : name.replace('.', ' ');
                List<Tag> tags = id.getTags().stream().map(tag -> Tag.of(snake(tag.getKey()), tag.getValue())).toList();
                return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), description, id.getType());
            }
        };
    }

    static String snake(String camel) {
        return CAMEL.matcher(camel).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }
}
