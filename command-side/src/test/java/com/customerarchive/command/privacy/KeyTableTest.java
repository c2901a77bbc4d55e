package com.customerarchive.command.privacy;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.privacy.JdbcKeyTable;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    PlatformTransactionManager platformTransactions;

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
     * Two units of work make the same customer's first keys at once: the second waits on the first's row and, once the
     * first commits, answers the first's key (its one statement did not see it: it reads it again); both end with the
     * one key. Run with the customer's key asked first (the second waits on it) and with the field's asked first.
     */
    @Test
    void a_customer_key_made_at_the_same_moment_by_another_unit_of_work_is_the_one_returned_once_it_commits()
            throws Exception {
        raceForTheFirstKeys(true);
    }

    @Test
    void a_field_key_made_at_the_same_moment_by_another_unit_of_work_is_the_one_returned_once_it_commits()
            throws Exception {
        raceForTheFirstKeys(false);
    }

    private void raceForTheFirstKeys(boolean customerKeyFirst) throws Exception {
        String customer = UUID.randomUUID().toString();
        // a transaction each, as two command-sides make them (on one, concurrent commands would share a group commit)
        TransactionManager ownTransactions = new SpringTransactionManager(platformTransactions);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        try {
            Future<?> first = threads.submit(() -> {
                Transaction transaction = ownTransactions.startTransaction();
                try {
                    table.insertIfAbsent(customer, FIRST);
                    table.insertFieldsIfAbsent(customer, Map.of("basic.email", FIRST));
                    firstWrote.countDown();
                    commitFirst.await();
                    transaction.commit();
                } catch (InterruptedException | RuntimeException stopped) {
                    transaction.rollback();
                }
                return null;
            });
            firstWrote.await();
            Future<List<byte[]>> answers = threads.submit(() -> {
                Transaction transaction = ownTransactions.startTransaction();
                byte[] key = customerKeyFirst ? table.insertIfAbsent(customer, SECOND) : null;
                byte[] email = table.insertFieldsIfAbsent(customer, Map.of("basic.email", SECOND)).get("basic.email");
                if (!customerKeyFirst) {
                    key = table.insertIfAbsent(customer, SECOND);
                }
                transaction.commit();
                return List.of(key, email);
            });
            // the second waits on the first's uncommitted row (the table its first statement writes)
            String waitedOn = customerKeyFirst ? "%INTO event_store.customer_key %" : "%INTO event_store.customer_field_key %";
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND wait_event_type = 'Lock' AND query LIKE :table")
                    .param("table", waitedOn).query(Long.class).single() >= 1);
            commitFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            List<byte[]> answered = answers.get(10, TimeUnit.SECONDS);
            assertThat(answered.get(0)).isEqualTo(FIRST);
            assertThat(answered.get(1)).isEqualTo(FIRST);
        } finally {
            commitFirst.countDown();
            threads.shutdownNow();
        }
        assertThat(keys(customer)).isOne();
        assertThat(fieldKeys(customer)).containsExactly("basic.email");
        assertThat(table.find(customer)).contains(FIRST);
        assertThat(table.findField(customer, "basic.email")).contains(FIRST);
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
