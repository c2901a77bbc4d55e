package com.customerarchive.command.duplicate;

import com.customerarchive.command.customer.CustomerDirectory;
import com.customerarchive.command.customer.CustomerFacts;
import com.customerarchive.command.customer.DescribeCustomerCommand;
import com.customerarchive.command.customer.MergeCustomerCommand;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.customer.OutOfScopeException;
import com.customerarchive.command.web.CommandSender;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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
    private final OrgScopes scopes;

    Merges(CommandSender commands, CustomerDirectory customers, OrgScopes scopes) {
        this.commands = commands;
        this.customers = customers;
        this.scopes = scopes;
    }

    @Transactional
    public long merge(UUID customerId, Long expectedVersion, UUID targetId, String reason, Instant occurredAt) {
        customers.lock(customerId, targetId);
        CustomerFacts target = commands.send(new DescribeCustomerCommand(new CustomerId(targetId), true), occurredAt);
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user != null && !scopes.of(user).covers(target.ownerId())) {
            // the duplicate is checked by its own aggregate; the customer it is merged into must be in scope too
            throw new OutOfScopeException(user.getName());
        }
        return commands.send(new MergeCustomerCommand(new CustomerId(customerId), expectedVersion, target, reason),
                occurredAt);
    }
}
