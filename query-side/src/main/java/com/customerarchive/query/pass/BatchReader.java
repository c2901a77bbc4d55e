package com.customerarchive.query.pass;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Reads the store in batches from a position on, on a thread of its own, a few batches ahead of the one who takes
 * them. It serves the live pass (it {@linkplain #following follows} the head of the store, looking again every poll
 * delay, and writes each batch ahead before handing it) and a rebuild (it reads {@linkplain #toHead up to the head}
 * and stops at the first batch that is not full). A read that fails is handed after the batches before it, however
 * many wait, and whoever takes next gets that failure; a reader that stopped without one is noticed, never waited on.
 */
final class BatchReader {

    /** Where batches come from: the store. */
    @FunctionalInterface
    interface Source {
        StoreReader.Batch read(GapAwareTrackingToken from, int limit);
    }

    /** What is done with each batch on the reader's thread before it is handed; @return whether it was written ahead */
    @FunctionalInterface
    interface WriteAhead {
        boolean written(List<PassEvent> events);
    }

    /** How the reader waits between reads (a test records it). */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    /** A batch read, and whether the read models committed ahead hold it already. */
    record Handed(StoreReader.Batch batch, boolean written) {
    }

    /** How long {@link #take} waits at a time before it looks whether the reader stopped. */
    private static final long TAKE_SLICE_MILLIS = 100;
    private final BlockingQueue<Object> handed;
    private final Future<?> reading;

    private BatchReader(ExecutorService thread, Source source, GapAwareTrackingToken from, int batchSize, int depth,
                        long pollMillis, WriteAhead ahead, Gather gather, Pause pause) {
        this.handed = new ArrayBlockingQueue<>(depth);
        boolean follows = ahead != null;
        this.reading = thread.submit(() -> {
            GapAwareTrackingToken position = from;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    StoreReader.Batch batch = source.read(position, batchSize);
                    if (follows && batch.read() == 0) {
                        pause.sleep(pollMillis);
                        continue;
                    }
                    handed.put(new Handed(batch, follows && (batch.events().isEmpty() || ahead.written(batch.events()))));
                    if (!follows && batch.read() < batchSize) {
                        return;
                    }
                    position = batch.token();
                    if (follows && batch.read() < gather.below() && gather.millis() > 0) {
                        // only a few came: while more arrive, the next read waits a moment and takes them together,
                        // so that under load each batch's transaction is shared by more events (the few were handed)
                        pause.sleep(gather.millis());
                    }
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failed) {
                try {
                    // after the batches before it, however many wait
                    handed.put(failed);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** Reads up to the head of the store: the batches from {@code from} on, up to and with the first one not full. */
    static BatchReader toHead(ExecutorService thread, Source source, GapAwareTrackingToken from, int batchSize,
                              int depth) {
        return new BatchReader(thread, source, from, batchSize, depth, 0, null, Gather.NONE, Thread::sleep);
    }

    /**
     * Follows the head of the store for ever, writing each batch ahead before it hands it; after a batch of fewer than
     * {@code gather.below()} events it waits {@code gather.millis()} before it reads again, after none the poll delay.
     */
    static BatchReader following(ExecutorService thread, Source source, GapAwareTrackingToken from, int batchSize,
                                 int depth, long pollMillis, Gather gather, WriteAhead ahead, Pause pause) {
        return new BatchReader(thread, source, from, batchSize, depth, pollMillis, ahead, gather, pause);
    }

    /** The live reader's wait for more after a batch of only a few events. */
    record Gather(int below, long millis) {
        static final Gather NONE = new Gather(0, 0);
    }

    /**
     * The next batch, waiting at most {@code waitMillis}; null if none came.
     *
     * @throws RuntimeException the failure of the read that came next
     * @throws IllegalStateException if the reader stopped with nothing more to hand
     */
    Handed poll(long waitMillis) throws InterruptedException {
        Object next = handed.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (next == null && reading.isDone()) {
            // it may have handed its last one between the poll and the look
            next = handed.poll();
            if (next == null) {
                throw new IllegalStateException("the pass's batch reader stopped");
            }
        }
        if (next instanceof RuntimeException failed) {
            throw failed;
        }
        return (Handed) next;
    }

    /** The next batch, however long it takes to come. */
    Handed take() throws InterruptedException {
        Handed next;
        do {
            next = poll(TAKE_SLICE_MILLIS);
        } while (next == null);
        return next;
    }

    /** The next batch if one is there already and was written ahead as {@code written} says. */
    Handed pollLike(boolean written) {
        if (handed.peek() instanceof Handed next && next.written() == written) {
            handed.poll();
            return next;
        }
        return null;
    }

    void stop() {
        reading.cancel(true);
    }
}
