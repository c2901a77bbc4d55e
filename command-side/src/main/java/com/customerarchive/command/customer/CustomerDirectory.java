package com.customerarchive.command.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What command-side knows of other customers than the one a command changes: whether one exists; and a lock on
 * customers for a transaction that decides on more than the one its command changes.
 */
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

    /**
     * Holds, until the transaction ends, a lock on each customer, taken in one order so that two transactions locking
     * the same customers never wait on each other (on any command-side: PostgreSQL's advisory locks).
     */
    public void lock(UUID... customerIds) {
        for (String id : new TreeSet<>(Arrays.stream(customerIds).map(UUID::toString).toList())) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:id, 7))").param("id", id).query(Object.class)
                    .single();
        }
    }
}
