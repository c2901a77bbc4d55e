package com.customerarchive.query.feed;

import com.customerarchive.query.privacy.Erasure;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.query.pass.PassEvent;
import com.customerarchive.query.pass.ReadModel;
import com.customerarchive.query.pass.Tables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gives every stored event its feed position, in the order the one pass reads the store. Positions are counted
 * inside the feed's transaction (a rolled-back batch leaves no hole, unlike a sequence), which commits durably ahead
 * of the other read models' (so live subscribers need not wait for them); an event already in the feed keeps its
 * position, so a batch read again after the others failed changes nothing here. Never rebuilt: positions are for
 * ever.
 */
@Component
class FeedProjection implements ReadModel {

    static final String NAME = "feed";

    private final FeedRepository feed;
    private final FeedSubscriptions subscriptions;

    FeedProjection(FeedRepository feed, FeedSubscriptions subscriptions) {
        this.feed = feed;
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(FeedRepository.EVENTS, FeedRepository.CONSENT, FeedRepository.CODES);
    }

    @Override
    public boolean rebuildable() {
        return false;
    }

    /** Live subscribers and the Kafka publisher see a batch as soon as the feed holds it. */
    @Override
    public boolean committedAhead() {
        return true;
    }

    @Override
    public Writer writer(Tables tables) {
        List<PassEvent> pending = new ArrayList<>();
        return new Writer() {
            /** Where the feed ends, read by the writer's first flush; then only this writer moves it. */
            private long next;
            @Override
            public void apply(List<PassEvent> events) {
                pending.addAll(events);
            }

            @Override
            public void flush() {
                if (pending.isEmpty()) {
                    return;
                }
                // events the feed holds already (read again after the pass's position was reset) keep their place
                Set<String> present = feed.present(pending.stream().map(PassEvent::eventId).toList());
                List<PassEvent> fresh = pending.stream().filter(event -> !present.contains(event.eventId())).toList();
                if (next == 0) {
                    next = feed.head() + 1;
                }
                feed.append(fresh, next);
                next += fresh.size();
                boolean revised = false;
                for (PassEvent event : pending) {
                    if (event.event() instanceof ConsentRecordedEvent consent) {
                        feed.consent(event.customerId(), !consent.granted(), event.sequence());
                        revised = true;
                    }
                    var erasure = Erasure.of(event.event());
                    if (erasure.isPresent()) {
                        feed.redact(erasure.get());
                        revised = true;
                    }
                }
                if (revised) {
                    feed.revise();
                }
                // live subscribers on this instance hear of the new entries as soon as they are committed
                boolean dropPages = revised;
                long head = next - 1;
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            subscriptions.moved(head, dropPages);
                        }
                    });
                }
                pending.clear();
            }
        };
    }
}
