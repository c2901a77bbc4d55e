package com.customerarchive.command.admission;

import com.customerarchive.command.customer.CustomerCodes;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.ProfileCard;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Customer codes from {@code customer_code_sequence}: the next number of a prefix is taken by an upsert that holds
 * the prefix's row until the approving transaction ends, so two command-sides never hand out one number, and a
 * rolled-back approval leaves no gap.
 */
@Repository
class CodeSequence implements CustomerCodes {

    private final JdbcClient jdbc;
    private final CodeFormat format;

    CodeSequence(JdbcClient jdbc, AdmissionProperties properties) {
        this.jdbc = jdbc;
        this.format = CodeFormat.parse(properties.codeFormat());
    }

    /** Runs in the command's transaction: it must be there for the number to go back with a refused approval. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public String next(CustomerId customerId, ProfileCard card, LocalDate businessDay) {
        String template = format.template(card, businessDay);
        long number = jdbc.sql("""
                        INSERT INTO customer_code_sequence (prefix, last_value) VALUES (:prefix, 1)
                        ON CONFLICT (prefix) DO UPDATE SET last_value = customer_code_sequence.last_value + 1
                        RETURNING last_value""")
                .param("prefix", template).query(Long.class).single();
        String code = format.code(template, number);
        jdbc.sql("INSERT INTO customer_code (code, customer_id) VALUES (:code, :customer)")
                .param("code", code).param("customer", customerId.toString()).update();
        return code;
    }

    Optional<String> codeOf(UUID customerId) {
        return jdbc.sql("SELECT code FROM customer_code WHERE customer_id = :customer")
                .param("customer", customerId.toString()).query(String.class).optional();
    }
}
