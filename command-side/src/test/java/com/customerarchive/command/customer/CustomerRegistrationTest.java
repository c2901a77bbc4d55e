package com.customerarchive.command.customer;

import com.customerarchive.events.Address;
import com.customerarchive.events.BasicSection;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

class CustomerRegistrationTest {

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    @Test
    void registering_a_customer_starts_its_stream_with_everything_the_rep_entered() {
        var id = new CustomerId(UUID.randomUUID());
        var card = new ProfileCard(new BasicSection("Ningbo Port Logistics", null, null, null, null, null,
                new Address("Zhejiang", "Ningbo", null, null, null), List.of(), null, null, null, null, null, null,
                null, null, null, "logistics", 120, null, null, null), List.of(), null, null, null);

        fixture.givenNoPriorActivity()
                .when(new RegisterCustomerCommand(id, CustomerKind.ORGANIZATION, CustomerNature.COMPANY,
                        CustomerTier.REGULAR, InformationSource.EXHIBITION, Grade.C, "rep-1", card))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerRegisteredEvent(id, CustomerKind.ORGANIZATION, CustomerNature.COMPANY,
                        CustomerTier.REGULAR, InformationSource.EXHIBITION, Grade.C, "rep-1", card));
    }
}
