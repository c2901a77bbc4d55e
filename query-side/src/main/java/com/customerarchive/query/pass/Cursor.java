package com.customerarchive.query.pass;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A position in the store, read from in batches through a {@link BatchReader}; it moves for good once what it read
 * is written. The live pass's cursor follows the head (its reader writes each batch ahead and hands it over); a
 * rebuild's reads synchronously until a batch comes full, then lets a reader read up to the head a few batches ahead.
 */
final class Cursor {

    /** How many batches a rebuild's reader reads ahead of the rebuild. */
    private static final int REBUILD_DEPTH = 4;
    /** How many batches the live pass's reader hands over at most before the pass takes them. */
    private static final int LIVE_DEPTH = 8;

    private final BatchReader.Source source;
    private final ExecutorService thread;
    private final int batchSize;
    private final long pollMillis;
    /** The live pass's: writes each batch ahead on the reader's thread; null for a rebuild's cursor. */
    private final AheadWriter ahead;
    /** The live pass's wait for more after a batch of only a few events. */
    private final BatchReader.Gather gather;
    private GapAwareTrackingToken flushed;
    private GapAwareTrackingToken read;
    private int unflushedEvents;
    private BatchReader reader;
    private boolean writtenAhead;

    private Cursor(BatchReader.Source source, ExecutorService thread, int batchSize, long pollMillis,
                   GapAwareTrackingToken start, AheadWriter ahead, BatchReader.Gather gather) {
        this.gather = gather;
        this.source = source;
        this.thread = thread;
        this.batchSize = batchSize;
        this.pollMillis = pollMillis;
        this.flushed = start;
        this.read = start;
        this.ahead = ahead;
    }

    /** The live pass's cursor: follows the head of the store, each batch written ahead before the pass takes it. */
    static Cursor live(BatchReader.Source source, ExecutorService thread, int batchSize, long pollMillis,
                       BatchReader.Gather gather, GapAwareTrackingToken start, AheadWriter ahead) {
        return new Cursor(source, thread, batchSize, pollMillis, start, ahead, gather);
    }

    /** A rebuild's cursor, from {@code start} (null: the first event) up to the head. */
    static Cursor rebuild(BatchReader.Source source, ExecutorService thread, int batchSize, long pollMillis,
                          GapAwareTrackingToken start) {
        return new Cursor(source, thread, batchSize, pollMillis, start, null, BatchReader.Gather.NONE);
    }

    /** Whether the events last read are in the read models committed ahead already. */
    boolean writtenAhead() {
        return writtenAhead;
    }

    /**
     * Up to a batch of events, looking again every poll delay for at most {@code waitMillis} while none come. The
     * live pass's merges what its reader handed over, written ahead alike, up to a batch.
     */
    List<PassEvent> next(long waitMillis) throws InterruptedException {
        return ahead != null ? nextAtHead(waitMillis) : nextToHead(waitMillis);
    }

    private List<PassEvent> nextAtHead(long waitMillis) throws InterruptedException {
        if (reader == null) {
            reader = BatchReader.following(thread, source, read, batchSize, LIVE_DEPTH, pollMillis, gather, ahead::write,
                    Thread::sleep);
        }
        BatchReader.Handed first = reader.poll(waitMillis);
        if (first == null) {
            return List.of();
        }
        writtenAhead = first.written();
        List<PassEvent> events = new ArrayList<>(first.batch().events());
        GapAwareTrackingToken token = first.batch().token();
        int count = first.batch().read();
        BatchReader.Handed more;
        while (count < batchSize && (more = reader.pollLike(writtenAhead)) != null) {
            events.addAll(more.batch().events());
            token = more.batch().token();
            count += more.batch().read();
        }
        read = token;
        unflushedEvents += count;
        return events;
    }

    /**
     * Once a batch comes full, the batches after it are read and opened on the reader's thread, a few ahead, while the
     * caller writes; that stops at the first batch that is not full (the head of the store).
     */
    private List<PassEvent> nextToHead(long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            StoreReader.Batch batch = reader != null ? reader.take().batch() : source.read(read, batchSize);
            boolean full = batch.read() >= batchSize;
            if (!full) {
                // its reader, if any, stopped at it
                reader = null;
            }
            if (batch.read() > 0 || System.nanoTime() >= deadline) {
                read = batch.token();
                unflushedEvents += batch.read();
                if (reader == null && full) {
                    reader = BatchReader.toHead(thread, source, batch.token(), batchSize, REBUILD_DEPTH);
                }
                return batch.events();
            }
            Thread.sleep(pollMillis);
        }
    }

    void close() {
        if (reader != null) {
            reader.stop();
            reader = null;
        }
    }

    /** Whether it read events whose rows are not written yet. */
    boolean unflushed() {
        return read != flushed;
    }

    int unflushedEvents() {
        return unflushedEvents;
    }

    /** The position after the last event read; stored once its rows are written. */
    GapAwareTrackingToken read() {
        return read;
    }

    void flushed() {
        flushed = read;
        unflushedEvents = 0;
    }

    /** Whether everything the other cursor wrote, this one wrote too. */
    boolean covers(Cursor other) {
        if (other.flushed == null) {
            return true;
        }
        return flushed != null && flushed.covers(other.flushed);
    }
}
