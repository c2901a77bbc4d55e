package com.customerarchive.query.pass;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The pass's batch reader hands a failed read to the pass after the batches before it, however many wait: a rebuild
 * or catch-up that meets one failed read fails (and is read again) instead of freezing the pass.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchReaderTest {

    private static final int BATCH = 10;
    private static final int DEPTH = 4;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    /** A store of full batches whose read number {@code failing} (from 1) fails. */
    private static final class FailingStore implements BatchReader.Source {
        private final int failing;
        private final AtomicInteger reads = new AtomicInteger();
        private final List<Long> from = Collections.synchronizedList(new ArrayList<>());

        FailingStore(int failing) {
            this.failing = failing;
        }

        @Override
        public StoreReader.Batch read(GapAwareTrackingToken position, int limit) {
            from.add(position == null ? 0 : position.getIndex());
            int read = reads.incrementAndGet();
            if (read == failing) {
                throw new IllegalStateException("the store read number " + read + " failed");
            }
            long last = (long) read * limit;
            return new StoreReader.Batch(List.of(), GapAwareTrackingToken.newInstance(last, List.of()), limit);
        }
    }

    @Test
    void aReadThatFailsWhileFourBatchesWaitIsHandedAfterThem() throws InterruptedException {
        FailingStore store = new FailingStore(5);
        BatchReader reader = BatchReader.toHead(thread, store, null, BATCH, DEPTH);
        // the four batches before it fill the queue; the fifth read fails while they wait, nobody taking
        await().atMost(Duration.ofSeconds(5)).until(() -> store.reads.get() == 5);

        List<Long> handed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handed.add(reader.take().batch().token().getIndex());
        }
        assertThat(handed).containsExactly(10L, 20L, 30L, 40L);
        assertThat(store.from).containsExactly(0L, 10L, 20L, 30L, 40L);
        assertThatThrownBy(reader::take).isInstanceOf(IllegalStateException.class)
                .hasMessage("the store read number 5 failed");
    }

    @Test
    void theLiveReaderHandsItsFailureAfterEightWaitingBatches() throws InterruptedException {
        FailingStore store = new FailingStore(9);
        List<Integer> writtenAhead = Collections.synchronizedList(new ArrayList<>());
        BatchReader reader = BatchReader.following(thread, store, null, BATCH, 8, 1, BatchReader.Gather.NONE, events -> {
            writtenAhead.add(events.size());
            return true;
        }, Thread::sleep);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.reads.get() == 9);

        for (long index = 10; index <= 80; index += 10) {
            BatchReader.Handed next = reader.poll(1_000);
            assertThat(next.batch().token().getIndex()).isEqualTo(index);
            assertThat(next.written()).as("a batch without events counts as written ahead").isTrue();
        }
        assertThatThrownBy(() -> reader.poll(1_000)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the store read number 9 failed");
        assertThat(writtenAhead).as("batches without events are not written ahead").isEmpty();
    }

    @Test
    void theLiveReaderWritesEachBatchOfEventsAheadAndHandsItAsWrittenOrNot() throws InterruptedException {
        List<PassEvent> events = List.of(event(1), event(2), event(3));
        BatchReader.Source store = (position, limit) -> {
            int read = position == null ? 0 : (int) position.getIndex();
            return read < events.size()
                    ? new StoreReader.Batch(List.of(events.get(read)), GapAwareTrackingToken.newInstance(read + 1,
                    List.of()), 1)
                    : new StoreReader.Batch(List.of(), position, 0);
        };
        List<List<PassEvent>> writtenAhead = Collections.synchronizedList(new ArrayList<>());
        BatchReader reader = BatchReader.following(thread, store, null, BATCH, DEPTH, 1, BatchReader.Gather.NONE,
                batch -> {
                    writtenAhead.add(batch);
                    return !batch.contains(events.get(1));
                }, Thread::sleep);

        List<Boolean> written = new ArrayList<>();
        for (PassEvent event : events) {
            BatchReader.Handed next = reader.take();
            assertThat(next.batch().events()).containsExactly(event);
            written.add(next.written());
        }
        assertThat(written).as("the second batch's write ahead failed").containsExactly(true, false, true);
        assertThat(writtenAhead).containsExactly(List.of(events.get(0)), List.of(events.get(1)),
                List.of(events.get(2)));
    }

    /**
     * Issue 31: at the head, a batch of only a few events is handed at once and the next read waits a moment (the
     * gather) so that more events share it; after an empty read it waits the poll delay; after a full or large batch
     * it reads again at once. Reads of 1, 10 (full), 0, 3, 2 (the gather's bound), then nothing.
     */
    @Test
    void theLiveReaderWaitsAMomentAfterOnlyAFewEventsAndNotAfterManyOrNone() throws InterruptedException {
        int[] sizes = {1, 10, 0, 3, 2};
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reads = new AtomicInteger();
        BatchReader.Source store = (position, limit) -> {
            int read = reads.getAndIncrement();
            int size = read < sizes.length ? sizes[read] : 0;
            steps.add("read " + size);
            long last = (position == null ? 0 : position.getIndex()) + size;
            List<PassEvent> events = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                events.add(event((int) last - i));
            }
            return new StoreReader.Batch(events, GapAwareTrackingToken.newInstance(last, List.of()), size);
        };
        // the few are handed before the wait: the first wait lasts until the test has taken the first batch (a reader
        // that waited before handing would be seen waiting in vain)
        java.util.concurrent.CountDownLatch firstTaken = new java.util.concurrent.CountDownLatch(1);
        BatchReader reader = BatchReader.following(thread, store, null, BATCH, DEPTH, 7,
                new BatchReader.Gather(3, 2), batch -> true, millis -> {
                    boolean handed = firstTaken.getCount() == 0
                            || millis != 2 || firstTaken.await(5, TimeUnit.SECONDS);
                    steps.add("wait " + millis + (handed ? "" : " before handing"));
                    // recorded, not waited; a millisecond only keeps the empty reads at the end from racing
                    Thread.sleep(1);
                });
        for (int size : new int[] {1, 10, 3, 2}) {
            assertThat(reader.take().batch().read()).isEqualTo(size);
            firstTaken.countDown();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> steps.size() >= 9);
        List<String> first;
        synchronized (steps) {
            first = List.copyOf(steps.subList(0, 9));
        }
        assertThat(first).containsExactly("read 1", "wait 2", "read 10", "read 0", "wait 7", "read 3",
                "read 2", "wait 2", "read 0");
    }

    /** An event as the pass hands it, standing for itself: nothing here reads what it holds. */
    private static PassEvent event(long position) {
        return new PassEvent(position, "event-" + position, null, null);
    }

    @Test
    void aReaderThatStoppedWithNothingToHandIsNoticedNotWaitedOn() throws InterruptedException {
        FailingStore store = new FailingStore(Integer.MAX_VALUE);
        BatchReader reader = BatchReader.toHead(thread, store, null, BATCH, DEPTH);
        reader.take();
        reader.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try {
                while (reader.poll(10) != null) {
                    // what it read before it stopped
                }
                return false;
            } catch (IllegalStateException stopped) {
                return stopped.getMessage().equals("the pass's batch reader stopped");
            }
        });
    }
}
