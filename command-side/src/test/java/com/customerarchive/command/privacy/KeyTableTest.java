package com.customerarchive.command.privacy;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.privacy.JdbcKeyTable;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key table as command-side uses it: a key is written in the command's transaction (gone if it rolls back),
 * the first key stored for a customer or a field stays, an erasure deletes keys.
 */
class KeyTableTest extends PostgresTest {

    @Autowired
    JdbcKeyTable table;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    private static final byte[] FIRST = {1, 2, 3};
    private static final byte[] SECOND = {4, 5, 6};

    @Test
    void keys_written_in_a_unit_of_work_that_rolls_back_are_gone_and_in_one_that_commits_stay() {
        String rolledBack = keysWrittenIn(Transaction::rollback);
        assertThat(keys(rolledBack)).isZero();
        assertThat(fieldKeys(rolledBack)).isEmpty();

        String committed = keysWrittenIn(Transaction::commit);
        assertThat(keys(committed)).isOne();
        assertThat(fieldKeys(committed)).containsExactly("basic.email");
    }

    /** A new customer's key and e-mail key written in a unit of work that then ends as {@code end} says. */
    private String keysWrittenIn(Consumer<Transaction> end) {
        String customer = UUID.randomUUID().toString();
        Transaction transaction = transactionManager.startTransaction();
        table.insertIfAbsent(customer, FIRST);
        table.insertFieldsIfAbsent(customer, Map.of("basic.email", FIRST));
        end.accept(transaction);
        return customer;
    }

    @Test
    void the_first_key_stored_stays_and_is_the_one_returned() {
        String customer = UUID.randomUUID().toString();
        assertThat(table.insertIfAbsent(customer, FIRST)).isEqualTo(FIRST);
        assertThat(table.insertIfAbsent(customer, SECOND)).isEqualTo(FIRST);

        assertThat(table.insertFieldIfAbsent(customer, "basic.email", FIRST)).isEqualTo(FIRST);
        Map<String, byte[]> stored = table.insertFieldsIfAbsent(customer,
                Map.of("basic.email", SECOND, "basic.name", SECOND));
        assertThat(stored).containsOnlyKeys("basic.email", "basic.name");
        assertThat(stored.get("basic.email")).isEqualTo(FIRST);
        assertThat(stored.get("basic.name")).isEqualTo(SECOND);

        String keyless = UUID.randomUUID().toString();
        assertThat(table.findAll(List.of(customer, keyless))).containsOnlyKeys(customer);
        assertThat(table.findAllFields(List.of(customer, keyless)))
                .containsOnlyKeys(customer + "/basic.email", customer + "/basic.name");
    }

    /**
     * Two units of work make the same customer's first key at once: the second waits on the first's row and, once the
     * first commits, answers the first's key (its one statement did not see it: it reads it again), for the customer
     * and for a field alike; both transactions end with the one key.
     */
    @Test
    void a_key_made_at_the_same_moment_by_another_unit_of_work_is_the_one_returned_once_it_commits() throws Exception {
        String customer = UUID.randomUUID().toString();
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CountDownLatch firstWrote = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch commitFirst = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<?> first = other.submit(() -> {
                Transaction transaction = transactionManager.startTransaction();
                table.insertIfAbsent(customer, FIRST);
                table.insertFieldsIfAbsent(customer, Map.of("basic.email", FIRST));
                firstWrote.countDown();
                commitFirst.await();
                transaction.commit();
                return null;
            });
            firstWrote.await();
            java.util.concurrent.ExecutorService second = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<java.util.List<byte[]>> answers = second.submit(() -> {
                    Transaction transaction = transactionManager.startTransaction();
                    byte[] key = table.insertIfAbsent(customer, SECOND);
                    byte[] email = table.insertFieldsIfAbsent(customer, Map.of("basic.email", SECOND)).get("basic.email");
                    transaction.commit();
                    return List.of(key, email);
                });
                // the second waits on the first's uncommitted row
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%customer_key%'")
                        .query(Long.class).single() >= 1);
                commitFirst.countDown();
                first.get();
                List<byte[]> answered = answers.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answered.get(0)).isEqualTo(FIRST);
                assertThat(answered.get(1)).isEqualTo(FIRST);
            } finally {
                second.shutdownNow();
            }
        } finally {
            other.shutdownNow();
        }
        assertThat(keys(customer)).isOne();
        assertThat(fieldKeys(customer)).containsExactly("basic.email");
        assertThat(table.find(customer)).contains(FIRST);
    }

    @Test
    void destroying_a_field_deletes_its_key_only_and_erasing_deletes_every_key_of_the_customer() {
        String customer = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        for (String id : List.of(customer, other)) {
            table.insertIfAbsent(id, FIRST);
            table.insertFieldsIfAbsent(id, Map.of("basic.email", FIRST, "basic.name", FIRST));
        }

        table.destroyField(customer, "basic.email");
        assertThat(table.findField(customer, "basic.email")).isEmpty();
        assertThat(fieldKeys(customer)).containsExactly("basic.name");
        assertThat(keys(customer)).isOne();

        table.destroy(customer);
        assertThat(table.find(customer)).isEmpty();
        assertThat(keys(customer)).isZero();
        assertThat(fieldKeys(customer)).isEmpty();
        assertThat(keys(other)).isOne();
        assertThat(fieldKeys(other)).containsExactly("basic.email", "basic.name");
    }

    private long keys(String customer) {
        return jdbc.sql("SELECT count(*) FROM event_store.customer_key WHERE customer_id = :id").param("id", customer)
                .query(Long.class).single();
    }

    private List<String> fieldKeys(String customer) {
        return jdbc.sql("SELECT field FROM event_store.customer_field_key WHERE customer_id = :id ORDER BY field")
                .param("id", customer).query(String.class).list();
    }
}
