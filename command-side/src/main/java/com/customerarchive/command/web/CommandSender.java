package com.customerarchive.command.web;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.command.commit.GroupCommit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sends a command on behalf of the current request and waits, bounded, for its outcome. */
@Component
public class CommandSender {

    private static final long TIMEOUT_SECONDS = 10;

    private final CommandGateway gateway;
    private final Clock clock;
    private final BusinessZone zone;

    CommandSender(CommandGateway gateway, Clock clock, BusinessZone zone) {
        this.zone = zone;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Sends a command; one that lost a race on its customer (a stale cache of this instance, or two creations of the
     * same stream at once; nothing was written) is sent once more on the customer as stored, where a repeated
     * registration meets its first. An If-Match that no longer holds stays a 409.
     *
     * @param occurredAt when the change happened in the business; now when absent (its business day goes along)
     */
    public <R> R send(Object command, Instant occurredAt) {
        return send(command, occurredAt, Map.of());
    }

    /**
     * The same, with metadata of its own: the actor and correlation id of work done outside a request (a handover's
     * transfers carry its requester and its job id); a request's own user and correlation id are not overwritten.
     */
    public <R> R send(Object command, Instant occurredAt, Map<String, ?> metadata) {
        Instant when = occurredAt != null ? occurredAt : clock.instant();
        var message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(EventMetadata.OCCURRED_AT, when.toString())
                        .and(EventMetadata.BUSINESS_DAY, zone.dayOf(when).toString()))
                .andMetaData(metadata);
        try {
            return gateway.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (GroupCommit.BatchFailedException batchFailed) {
            // the commit it shared with other commands failed, nothing of it stored: sent once more in a transaction
            // of its own, so that a command whose own work cannot commit fails alone
            return GroupCommit.alone(() -> send(command, occurredAt, metadata));
        } catch (ConflictingAggregateVersionException stale) {
            throw stale;
        } catch (ConcurrencyException | ConflictingModificationException | AggregateStreamCreationException raced) {
            return gateway.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (com.customerarchive.command.customer.CustomerRefusal refused) {
            // a refusal may have been decided on this instance's cached customer while another command-side changed
            // it (a claim of a customer another instance released, a reversal of a collection recorded there); the
            // refusal rolled back and dropped it from the cache, so it is decided once more on the customer as stored
            return gateway.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
