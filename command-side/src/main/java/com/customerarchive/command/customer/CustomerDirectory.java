package com.customerarchive.command.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.UUID;

/** What command-side knows of other customers than the one a command changes: whether one exists. */
@Repository
public class CustomerDirectory {

    private final JdbcClient jdbc;

    CustomerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the customer's stream has begun (its registration is stored). */
    public boolean exists(UUID customerId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = :id "
                        + "AND sequence_number = 0)")
                .param("id", customerId.toString()).query(Boolean.class).single();
    }
}
