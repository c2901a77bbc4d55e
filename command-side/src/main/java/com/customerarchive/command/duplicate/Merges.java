package com.customerarchive.command.duplicate;

import com.customerarchive.command.customer.CustomerDirectory;
import com.customerarchive.command.customer.CustomerFacts;
import com.customerarchive.command.customer.DescribeCustomerCommand;
import com.customerarchive.command.customer.MergeCustomerCommand;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * A merge decided on the target as it stands: both customers are locked for the merge's transaction, so the target
 * cannot be merged elsewhere between the look and the merge (no chain or cycle is made by two merges at once).
 */
@Service
class Merges {

    private final CommandSender commands;
    private final CustomerDirectory customers;

    Merges(CommandSender commands, CustomerDirectory customers) {
        this.commands = commands;
        this.customers = customers;
    }

    @Transactional
    public long merge(UUID customerId, Long expectedVersion, UUID targetId, String reason, Instant occurredAt) {
        customers.lock(customerId, targetId);
        CustomerFacts target = commands.send(new DescribeCustomerCommand(new CustomerId(targetId), true), occurredAt);
        return commands.send(new MergeCustomerCommand(new CustomerId(customerId), expectedVersion, target, reason),
                occurredAt);
    }
}
