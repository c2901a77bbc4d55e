package com.customerarchive.command.eventstore;

import com.customerarchive.command.support.PostgresTest;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's unit of work is one database transaction: what it writes besides its events (a customer's key) is
 * rolled back with them. Without it every statement commits on its own connection, and a refused append would
 * leave a key behind.
 */
class UnitOfWorkTransactionTest extends PostgresTest {

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Test
    void what_a_unit_of_work_wrote_is_rolled_back_with_it() {
        String customer = UUID.randomUUID().toString();
        Transaction transaction = transactionManager.startTransaction();
        jdbc.sql("INSERT INTO event_store.customer_key (customer_id, wrapped_key) VALUES (:id, :key)")
                .param("id", customer).param("key", new byte[]{1, 2, 3}).update();
        transaction.rollback();

        assertThat(jdbc.sql("SELECT count(*) FROM event_store.customer_key WHERE customer_id = :id")
                .param("id", customer).query(Long.class).single()).isZero();
    }
}
