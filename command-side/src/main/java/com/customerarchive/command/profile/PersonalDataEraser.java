package com.customerarchive.command.profile;

import com.customerarchive.command.customer.DestroyPersonalFieldCommand;
import com.customerarchive.command.customer.EraseCustomerPersonalDataCommand;
import com.customerarchive.command.privacy.Shredder;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.privacy.CustomerKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.UUID;

/**
 * The right to be forgotten as one transaction: the customer's key and its aggregate snapshots (which hold
 * the card in clear) are deleted and {@code PersonalDataErased} is appended; if the command is refused,
 * nothing is deleted.
 */
@Service
class PersonalDataEraser {

    private final CommandSender commands;
    private final Shredder shredder;
    private final CustomerKeys keys;

    PersonalDataEraser(CommandSender commands, Shredder shredder, CustomerKeys keys) {
        this.commands = commands;
        this.shredder = shredder;
        this.keys = keys;
    }

    @Transactional
    public long erase(UUID customerId, Long expectedVersion, String reason, Instant occurredAt) {
        String id = customerId.toString();
        shredder.customer(id);
        keys.evict(id);
        long version = commands.send(new EraseCustomerPersonalDataCommand(new CustomerId(customerId), expectedVersion,
                reason), occurredAt);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                keys.evict(id);
            }
        });
        return version;
    }

    /**
     * One personal field destroyed as one transaction: its key and the customer's snapshots are deleted and
     * {@code PersonalDataFieldDestroyed} is appended; if the command is refused, nothing is deleted.
     */
    @Transactional
    public long destroyField(UUID customerId, Long expectedVersion, String field, String reason, Instant occurredAt) {
        String id = customerId.toString();
        shredder.field(id, field);
        keys.evictField(id, field);
        long version = commands.send(new DestroyPersonalFieldCommand(new CustomerId(customerId), expectedVersion, field,
                reason), occurredAt);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                keys.evictField(id, field);
            }
        });
        return version;
    }
}
