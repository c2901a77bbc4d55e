package com.customerarchive.command.web;

import com.customerarchive.events.EventMetadata;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Sends a command on behalf of the current request and waits, bounded, for its outcome. */
@Component
public class CommandSender {

    private static final long TIMEOUT_SECONDS = 10;

    private final CommandGateway gateway;
    private final Clock clock;

    CommandSender(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Sends a command that creates a stream; one that lost a race with a concurrent creation of the same
     * stream is sent once more, and then meets the stream as it was stored.
     */
    public <R> R sendCreation(Object command, Instant occurredAt) {
        try {
            return send(command, occurredAt);
        } catch (ConflictingModificationException | AggregateStreamCreationException raced) {
            return send(command, occurredAt);
        }
    }

    /** @param occurredAt when the change happened in the business; now when absent */
    public <R> R send(Object command, Instant occurredAt) {
        Instant when = occurredAt != null ? occurredAt : clock.instant();
        var message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(EventMetadata.OCCURRED_AT, when.toString()));
        return gateway.sendAndWait(message, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
