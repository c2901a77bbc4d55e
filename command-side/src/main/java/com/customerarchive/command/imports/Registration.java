package com.customerarchive.command.imports;

import com.customerarchive.command.customer.RegisterCustomerCommand;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of a customer sheet as the registration it asks for. The customer's id is named by the row's external
 * reference, so the same reference always registers the same customer (a second import of it writes nothing).
 */
record Registration(String externalRef, CustomerKind kind, CustomerNature nature, CustomerTier tier,
                    InformationSource source, Grade grade, String ownerId, ProfileCard card, Instant occurredAt) {

    UUID customerId() {
        return customerIdOf(externalRef);
    }

    static UUID customerIdOf(String externalRef) {
        return UUID.nameUUIDFromBytes(("customer-archive import\n" + externalRef).getBytes(StandardCharsets.UTF_8));
    }

    RegisterCustomerCommand command() {
        return new RegisterCustomerCommand(new CustomerId(customerId()), kind, nature, tier, source, grade, ownerId,
                card);
    }
}
