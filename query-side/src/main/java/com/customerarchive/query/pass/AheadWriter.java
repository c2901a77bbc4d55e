package com.customerarchive.query.pass;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The read models committed ahead (the feed), written on the live reader's thread: each batch in a transaction of its
 * own as soon as it is read, so live subscribers need not wait for the other read models. Off for good (until the
 * pass starts again) once one of their writes fails on an event: the pass writes them from then on, parking what
 * fails.
 */
final class AheadWriter {

    private static final Logger log = LoggerFactory.getLogger(AheadWriter.class);
    private final List<ReadModel.Writer> writers;
    private final TransactionTemplate transactions;
    private volatile boolean on;

    /**
     * On unless one of their events waits as a dead letter (as loaded): its customers' later events must join that
     * queue, which the pass does.
     */
    AheadWriter(List<ReadModel> models, TransactionTemplate transactions, DeadLetters deadLetters) {
        List<ReadModel> ahead = models.stream().filter(ReadModel::committedAhead).toList();
        this.writers = ReadModel.writers(ahead, Tables.LIVE);
        this.transactions = transactions;
        this.on = !ahead.isEmpty() && ahead.stream().noneMatch(model -> deadLetters.holds(model.name()));
    }

    /** Whether the pass writes this read model's share of a batch: not if the reader wrote it ahead. */
    static boolean leftToPass(ReadModel model, boolean writtenAhead) {
        return !(writtenAhead && model.committedAhead());
    }

    /** @return whether the events were written and committed */
    boolean write(List<PassEvent> events) {
        if (!on) {
            return false;
        }
        try {
            transactions.executeWithoutResult(status -> {
                writers.forEach(writer -> writer.apply(events));
                writers.forEach(ReadModel.Writer::flush);
            });
            return true;
        } catch (RuntimeException failed) {
            if (!DeadLetters.poison(failed)) {
                throw failed;
            }
            on = false;
            log.warn("the feed could not take an event ({}); the pass writes it from now on", failed.toString());
            return false;
        }
    }
}
