package com.customerarchive.command.membership;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** Card numbers ever issued and their customers; a number once taken stays taken. */
@Repository
class CardNumberTable {

    private final JdbcClient jdbc;

    CardNumberTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the number for the customer in the current transaction; false when any customer ever had it. */
    boolean claim(String cardNumber, UUID customerId) {
        return jdbc.sql("INSERT INTO membership_card_number (card_number, customer_id) VALUES (:number, :customer) "
                        + "ON CONFLICT DO NOTHING")
                .param("number", cardNumber).param("customer", customerId.toString()).update() == 1;
    }

    Optional<UUID> customerOf(String cardNumber) {
        return jdbc.sql("SELECT customer_id FROM membership_card_number WHERE card_number = :number")
                .param("number", cardNumber).query(String.class).optional().map(UUID::fromString);
    }
}
