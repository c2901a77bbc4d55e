package com.customerarchive.query.pass;

import com.customerarchive.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The one pass's holder outlives a heap that ran out while it worked: it pauses and works again. */
class HeldByOneTest {

    @Test
    void work_that_runs_out_of_memory_is_taken_up_again_after_its_pause_instead_of_ending_the_thread() {
        TestDatabase database = TestDatabase.get();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        source.setUser(database.user());
        source.setPassword(database.password());
        AtomicInteger runs = new AtomicInteger();
        List<Exception> failures = new ArrayList<>();
        java.time.Instant started = java.time.Instant.now();
        new HeldByOne("held-by-one-test", 0x7e57_0001L, source).run(() -> runs.get() < 2, lock -> {
            if (runs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
        }, failures::add);
        assertThat(runs).hasValue(2);
        // after its pause (half a second after a first failure)
        assertThat(java.time.Duration.between(started, java.time.Instant.now()))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(500));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getCause()).isInstanceOf(OutOfMemoryError.class);
    }
}
