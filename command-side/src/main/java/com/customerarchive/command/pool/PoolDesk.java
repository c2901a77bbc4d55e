package com.customerarchive.command.pool;

import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.customer.OutOfScopeException;
import com.customerarchive.command.customer.PoolCommands;
import com.customerarchive.command.customer.Rule;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.PoolOwner;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Pool;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.platform.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The public pool's desk (公海): a rep claims, a lead assigns, an owner releases, locks and unlocks. The caps that
 * count across customers (owned, claimed today, locked) are counted here under a lock on the rep held until the
 * customer's event is stored, so two claims of one rep at once never both pass a cap; the customer itself
 * decides the rest (in the pool or not, the previous owner's wait, its lock).
 */
@Service
public class PoolDesk {


    private final OrgScopes scopes;
    private final CommandSender commands;
    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final Clock clock;
    private final BusinessZone zone;

    PoolDesk(OrgScopes scopes, CommandSender commands, JdbcClient jdbc,
             javax.sql.DataSource dataSource, Clock clock, BusinessZone zone) {
        this.scopes = scopes;
        this.commands = commands;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
    }

    /** A rep of the pool's units takes a customer from it, within its caps. */
    public long claim(UUID customerId, Authentication user) {
        OrgChart chart = scopes.chart();
        String rep = user.getName();
        return underRepLock(rep, () -> {
            Pool pool = poolHolding(customerId, chart);
            if (!chart.inPool(rep, pool)) {
                throw new ForbiddenException("not-pool-member", "Not a member of the pool", rep + " is no member of "
                        + "the units of the pool " + pool.poolId() + " and does not claim from it.");
            }
            requireOwnerCap(pool, rep);
            Integer cap = pool.rules().dailyClaimCap();
            if (cap != null) {
                long today = jdbc.sql("SELECT count(*) FROM pool_claim WHERE owner_id = :rep AND claimed_at >= :from")
                        .param("rep", rep).param("from", Timestamp.from(zone.startOf(zone.today(clock))))
                        .query(Long.class).single();
                if (today >= cap) {
                    throw new RuleViolationException(Rule.CLAIM_CAP_REACHED, rep + " claimed " + today
                            + " customers today; the pool " + pool.poolId() + " allows " + cap + " a day.");
                }
            }
            return commands.send(new PoolCommands.Claim(new CustomerId(customerId), rep,
                    pool.rules().previousOwnerWaitDays(), clock.instant()), null);
        });
    }

    /** A team lead or above gives a customer (in the pool or another rep's) to a rep of its scope. */
    public long assign(UUID customerId, String ownerId, String reason, Authentication user) {
        OrgChart chart = scopes.chart();
        Scope scope = scopes.of(user);
        if (!scopes.leads(user)) {
            throw new ForbiddenException("assign-needs-lead", "Assigning needs a team lead",
                    "A customer is assigned by a team lead, a branch manager or head office (or a manager who is no "
                            + "member of the organisation); " + user.getName() + " holds no such position.");
        }
        if (!scope.covers(ownerId) || PoolOwner.isPool(ownerId)) {
            throw new OutOfScopeException(user.getName());
        }
        return underRepLock(ownerId, () -> {
            String owner = ownerOf(customerId);
            Optional<String> poolId = PoolOwner.poolOf(owner);
            if (poolId.isPresent()) {
                Pool pool = chart.pool(poolId.get()).orElseThrow(() -> unknownPool(poolId.get()));
                if (!chart.inPool(ownerId, pool)) {
                    throw new ForbiddenException("not-pool-member", "Not a member of the pool", ownerId
                            + " is no member of the units of the pool " + pool.poolId() + ".");
                }
                requireOwnerCap(pool, ownerId);
            } else {
                chart.poolOfOwner(ownerId).ifPresent(pool -> requireOwnerCap(pool, ownerId));
            }
            return commands.send(new PoolCommands.Assign(new CustomerId(customerId), ownerId,
                    reason == null || reason.isBlank() ? "assigned by " + user.getName() : reason), null);
        });
    }

    /** Its owner (or a lead over it) puts the customer back into its owner's pool, with a reason. */
    public long release(UUID customerId, String reason, Authentication user) {
        OrgChart chart = scopes.chart();
        String owner = ownerOf(customerId);
        requireScope(owner, user);
        if (PoolOwner.isPool(owner)) {
            throw new RuleViolationException(Rule.ALREADY_IN_POOL);
        }
        Pool pool = chart.poolOfOwner(owner).orElseThrow(() -> new RuleViolationException(Rule.NO_POOL,
                "No public pool covers the unit of " + owner + "; an ADMIN sets one up (PUT /api/pools/{poolId})."));
        return commands.send(new PoolCommands.Release(new CustomerId(customerId), pool.poolId(), reason), null);
    }

    /** Its owner locks the customer against the pool, within the pool's lock cap. */
    public long lock(UUID customerId, Authentication user) {
        String owner = ownerOf(customerId);
        requireScope(owner, user);
        return underRepLock(owner, () -> {
            scopes.chart().poolOfOwner(owner).map(Pool::rules).map(rules -> rules.lockCap()).ifPresent(cap -> {
                long locked = jdbc.sql("SELECT count(*) FROM customer_owner WHERE owner_id = :owner AND locked "
                        + "AND NOT merged AND customer_id <> :id").param("owner", owner).param("id", customerId)
                        .query(Long.class).single();
                if (locked >= cap) {
                    throw new RuleViolationException(Rule.LOCK_CAP_REACHED, owner + " has " + locked
                            + " customers locked; the pool allows " + cap + ".");
                }
            });
            return commands.send(new PoolCommands.Lock(new CustomerId(customerId)), null);
        });
    }

    public long unlock(UUID customerId) {
        return commands.send(new PoolCommands.Unlock(new CustomerId(customerId)), null);
    }

    /** A customer with a rep outside the user's scope is 403 out-of-scope (one in the pool is no one's). */
    private void requireScope(String owner, Authentication user) {
        if (!PoolOwner.isPool(owner) && !scopes.of(user).covers(owner)) {
            throw new OutOfScopeException(user.getName());
        }
    }

    private void requireOwnerCap(Pool pool, String rep) {
        Integer cap = pool.rules().ownerCap();
        if (cap == null) {
            return;
        }
        long owned = jdbc.sql("SELECT count(*) FROM customer_owner WHERE owner_id = :rep AND NOT merged"
                        + (pool.rules().ownerCapCountsBuyers() ? "" : " AND last_purchase IS NULL"))
                .param("rep", rep).query(Long.class).single();
        if (owned >= cap) {
            throw new RuleViolationException(Rule.OWNER_CAP_REACHED, rep + " owns " + owned + " customers"
                    + (pool.rules().ownerCapCountsBuyers() ? "" : " without purchases") + "; the pool "
                    + pool.poolId() + " allows " + cap + ".");
        }
    }

    private Pool poolHolding(UUID customerId, OrgChart chart) {
        String owner = ownerOf(customerId);
        String poolId = PoolOwner.poolOf(owner).orElseThrow(() -> new RuleViolationException(Rule.ALREADY_CLAIMED,
                "The customer is not in the public pool: it belongs to a rep."));
        return chart.pool(poolId).orElseThrow(() -> unknownPool(poolId));
    }

    private String ownerOf(UUID customerId) {
        return jdbc.sql("SELECT owner_id FROM customer_owner WHERE customer_id = :id").param("id", customerId)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("customer-not-found",
                        "Customer not found", "No customer has the id " + customerId + "."));
    }

    private static RuleViolationException unknownPool(String poolId) {
        return new RuleViolationException(Rule.UNKNOWN_POOL, "No public pool has the id " + poolId + ".");
    }


    /**
     * The work under a lock on the rep whose counts it reads (PostgreSQL's advisory lock, so across command-sides),
     * held on a connection of its own until the work's own transaction has stored the event: the next claim of the
     * same rep counts it. The command keeps its own transaction, so a stale cached customer is retried as usual.
     */
    private long underRepLock(String rep, java.util.function.Supplier<Long> work) {
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            advisory(lock, "SELECT pg_advisory_lock(hashtextextended(?, 28))", rep);
            try {
                return work.get();
            } finally {
                advisory(lock, "SELECT pg_advisory_unlock(hashtextextended(?, 28))", rep);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the rep's lock could not be taken", e);
        }
    }

    private static void advisory(java.sql.Connection connection, String sql, String rep) throws java.sql.SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, rep);
            statement.execute();
        }
    }
}
