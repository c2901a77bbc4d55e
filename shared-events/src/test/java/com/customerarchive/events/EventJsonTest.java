package com.customerarchive.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void a_registration_survives_the_round_trip_through_json_and_reads_as_plain_json() throws Exception {
        var basic = new BasicSection("Wang Fang", Gender.FEMALE, LocalDate.of(1980, 5, 17), null, null, "Buyer",
                new Address("Zhejiang", "Hangzhou", "Xihu", "1 Wensan Rd", "310000"), List.of("+86 571 0000 0000"),
                "wang@example.com", null, null, null, null, null, null, null, null, null, null,
                new BigDecimal("1000000.00"), null, null);
        var event = new CustomerRegisteredEvent(new CustomerId(UUID.randomUUID()), CustomerKind.INDIVIDUAL,
                CustomerNature.INDIVIDUAL, CustomerTier.KEY, InformationSource.REFERRAL, Grade.B, "rep-7",
                new ProfileCard(basic, List.of(new Contact("Li Lei", ContactRole.DECISION_MAKER, "CEO", null, null)),
                        null, null, null));

        String text = json.writeValueAsString(event);

        assertThat(json.readValue(text, CustomerRegisteredEvent.class)).isEqualTo(event);
        assertThat(json.readTree(text).get("customerId").asText()).isEqualTo(event.customerId().value().toString());
        assertThat(json.readTree(text).at("/card/basic/birthday").asText()).isEqualTo("1980-05-17");
    }
}
