package com.customerarchive.command.pool;

import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.customer.PoolCommands;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Pool;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The public pool's return job (进入公海): every {@code archive.pool.sweep-interval} it reads, for each pool, the
 * customers of the pool's reps whose clock may have run out (the owner table's times against the pool's shortest
 * days) and asks each customer whether it goes back now; the customer decides by the pool's rule and writes the
 * return. Every command-side runs it: a customer returns once (the second one's look finds it in the pool, or loses
 * the race on the stream and finds it so when it looks again), and a restart simply looks again.
 */
@Component
@org.springframework.scheduling.annotation.EnableScheduling
public class PoolSweep {

    private static final Logger log = LoggerFactory.getLogger(PoolSweep.class);
    private static final String ACTOR = "pool-return-job";

    /** What one run did. */
    public record Outcome(int examined, int returned) {
    }

    private final OrgScopes scopes;
    private final JdbcClient jdbc;
    private final CommandSender commands;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    PoolSweep(OrgScopes scopes, JdbcClient jdbc, CommandSender commands, Clock clock) {
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${archive.pool.sweep-delay:PT20S}", fixedDelayString = "${archive.pool.sweep-interval:PT5M}")
    void scheduled() {
        try {
            Outcome outcome = run(null);
            if (outcome.returned() > 0) {
                log.info("pool return job: {} customers examined, {} returned to their pool", outcome.examined(),
                        outcome.returned());
            }
        } catch (RuntimeException failed) {
            log.warn("pool return job stopped: {}", failed.getClass().getSimpleName());
        }
    }

    /** One run now, of every pool or of {@code onlyPool}; a run already under way in this process answers nothing done. */
    public Outcome run(String onlyPool) {
        if (!running.compareAndSet(false, true)) {
            return new Outcome(0, 0);
        }
        try {
            OrgChart chart = scopes.chart();
            Instant now = clock.instant();
            int examined = 0;
            int returned = 0;
            Map<String, Object> metadata = Map.of(EventMetadata.ACTOR, ACTOR,
                    EventMetadata.CORRELATION_ID, UUID.randomUUID().toString());
            for (Pool pool : chart.pools()) {
                if (onlyPool != null && !onlyPool.equals(pool.poolId())) {
                    continue;
                }
                String clocks = clocks(pool.rules(), now);
                if (clocks.isEmpty()) {
                    continue;
                }
                String[] owners = chart.membersOf(new java.util.HashSet<>(pool.unitCodes().stream()
                                .flatMap(code -> chart.subtree(code).stream()).toList())).stream()
                        .filter(owner -> chart.poolOfOwner(owner).map(Pool::poolId).orElse("").equals(pool.poolId()))
                        .sorted().toArray(String[]::new);
                if (owners.length == 0) {
                    continue;
                }
                // only the customers of a grade with days whose clock may have run out; the customer decides the rest
                var candidates = jdbc.sql("SELECT customer_id FROM customer_owner WHERE owner_id = ANY(:owners) "
                                + "AND NOT merged AND NOT locked AND NOT archived"
                                + (pool.rules().exemptWithPurchases() ? " AND last_purchase IS NULL" : "")
                                + " AND (" + clocks + ") ORDER BY customer_id")
                        .param("owners", owners).query(UUID.class).list();
                for (UUID customerId : candidates) {
                    examined++;
                    if (returnIfDue(customerId, pool, now, metadata)) {
                        returned++;
                    }
                }
            }
            return new Outcome(examined, returned);
        } finally {
            running.set(false);
        }
    }

    private boolean returnIfDue(UUID customerId, Pool pool, Instant now, Map<String, Object> metadata) {
        try {
            Boolean returned = commands.send(new PoolCommands.ReturnIfDue(new CustomerId(customerId), pool.poolId(),
                    pool.rules(), now), null, metadata);
            return Boolean.TRUE.equals(returned);
        } catch (AggregateNotFoundException | com.customerarchive.command.customer.RuleViolationException skipped) {
            return false;
        }
    }

    /**
     * SQL: the owner table's rows whose clock (per grade, follow-up and purchase) has run out at {@code now}; empty when
     * the pool returns no grade. Values are the pool's own numbers, written as literals.
     */
    static String clocks(com.customerarchive.events.org.PoolRules rules, Instant now) {
        List<String> clauses = new ArrayList<>();
        rules.followUpDays().forEach((grade, days) -> clauses.add("(grade = '" + grade.name()
                + "' AND COALESCE(GREATEST(owner_since, last_follow_up), '-infinity') <= TIMESTAMPTZ '"
                + now.minus(Duration.ofDays(days)) + "')"));
        rules.purchaseDays().forEach((grade, days) -> clauses.add("(grade = '" + grade.name()
                + "' AND COALESCE(GREATEST(owner_since, last_purchase), '-infinity') <= TIMESTAMPTZ '"
                + now.minus(Duration.ofDays(days)) + "')"));
        return String.join(" OR ", clauses);
    }
}
