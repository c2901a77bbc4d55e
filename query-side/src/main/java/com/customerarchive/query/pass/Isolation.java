package com.customerarchive.query.pass;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;

/**
 * Poison isolation: a batch that failed on an event some read model cannot handle is written again read model by
 * read model and, in one that fails, event by event; what fails is parked as a dead letter with its customer's later
 * events. Operators' requests to retry dead letters are carried out here too.
 */
final class Isolation {

    private static final Logger log = LoggerFactory.getLogger(Isolation.class);
    private final List<ReadModel> models;
    private final DeadLetters deadLetters;
    private final PassRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Isolation(List<ReadModel> models, DeadLetters deadLetters, PassRepository repository,
              TransactionTemplate transactions, Clock clock) {
        this.models = models;
        this.deadLetters = deadLetters;
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Writes a batch that failed as a whole: each read model in a savepoint of its own and, in one that fails, each
     * event in its own; an event that fails is parked as the head of its customer's dead-letter sequence in that
     * read model, and the customer's later events join it there. Everything else, and the position, is committed.
     */
    void isolate(List<PassEvent> events, GapAwareTrackingToken position, boolean writtenAhead) {
        deadLetters.load();
        transactions.executeWithoutResult(status -> {
            for (ReadModel model : models) {
                if (!AheadWriter.leftToPass(model, writtenAhead)) {
                    continue;
                }
                List<PassEvent> passing = deadLetters.pass(model.name(), events);
                Object whole = status.createSavepoint();
                try {
                    model.writeAlone(Tables.LIVE, passing);
                    status.releaseSavepoint(whole);
                    continue;
                } catch (RuntimeException failed) {
                    rethrowUnlessPoison(failed);
                    status.rollbackToSavepoint(whole);
                }
                for (PassEvent event : passing) {
                    if (deadLetters.waits(model.name(), event)) {
                        deadLetters.behind(model.name(), event);
                        continue;
                    }
                    Object one = status.createSavepoint();
                    try {
                        model.writeAlone(Tables.LIVE, List.of(event));
                        status.releaseSavepoint(one);
                    } catch (RuntimeException failed) {
                        rethrowUnlessPoison(failed);
                        status.rollbackToSavepoint(one);
                        deadLetters.park(model.name(), event, failed);
                    }
                }
            }
            repository.saveToken(PassRepository.LIVE, position, clock.instant());
        });
    }

    private static void rethrowUnlessPoison(RuntimeException failed) {
        if (!DeadLetters.poison(failed)) {
            throw failed;
        }
    }

    /**
     * Carries out the operators' requests to retry dead letters, each in one transaction, a letter at a time in a
     * savepoint of its own; @return whether any were asked for
     */
    boolean retryDeadLetters() {
        List<DeadLetters.Request> requests = deadLetters.requests();
        for (DeadLetters.Request request : requests) {
            try {
                DeadLetters.Outcome outcome = transactions.execute(status -> {
                    DeadLetters.Outcome done = deadLetters.retry(request, models.stream().map(ReadModel::name).toList(),
                            (name, event) -> {
                                Object one = status.createSavepoint();
                                try {
                                    ReadModel.named(models, name).orElseThrow().writeAlone(Tables.LIVE, List.of(event));
                                    status.releaseSavepoint(one);
                                } catch (RuntimeException failed) {
                                    status.rollbackToSavepoint(one);
                                    throw failed;
                                }
                            });
                    deadLetters.done(request, done, clock.instant());
                    return done;
                });
                log.info("dead letters retried: {}", outcome);
            } finally {
                // what the rolled back or committed retry changed in the queues is read again
                deadLetters.load();
            }
        }
        return !requests.isEmpty();
    }
}
