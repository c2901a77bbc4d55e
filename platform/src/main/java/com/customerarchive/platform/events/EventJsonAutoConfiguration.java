package com.customerarchive.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The stored JSON of events, written with Axon's Jackson 2 beside Boot's Jackson 3: instants and dates as ISO-8601
 * text, absent fields left out, and fields a reader does not know ignored (a newer writer's events stay readable).
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration")
@ConditionalOnClass({ObjectMapper.class, JavaTimeModule.class})
public class EventJsonAutoConfiguration {

    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return mapper();
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
