package com.customerarchive.command.handover;

import com.customerarchive.command.customer.OutOfScopeException;
import com.customerarchive.command.customer.Rule;
import com.customerarchive.command.customer.RuleViolationException;
import com.customerarchive.command.customer.HandOverCustomerCommand;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.EventMetadata;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.NotFoundException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A handover (交接): a leaving rep's book, or a part of it, moved to another owner in one request. The job is named by
 * its request (the same request is the same job), its customers are listed once in the job's items, and a worker
 * sends one transfer per customer under the job's id as correlation id, each in the transaction that notes its
 * outcome: a repeat of the request, or the start after a crash, finishes what is left and moves nobody twice.
 */
@Service
public class Handovers {

    private static final Logger log = LoggerFactory.getLogger(Handovers.class);

    /** The customers a job moves: the whole book of its old owner, or these of them. */
    public record Request(String fromOwner, String toOwner, String reason, Collection<UUID> customerIds,
                          com.customerarchive.events.TeamAccess keepPreviousOwnerAs) {

        public Request(String fromOwner, String toOwner, String reason, Collection<UUID> customerIds) {
            this(fromOwner, toOwner, reason, customerIds, null);
        }
    }

    /** One customer the job did not move, and the rule that refused it (archived, erased, no longer the owner's …). */
    public record Refused(UUID customerId, String rule) {
    }

    /** Where a job stands: RUNNING until every customer has an outcome, then DONE. */
    public record Job(UUID jobId, String fromOwner, String toOwner, String reason, String requestedBy,
                      Instant requestedAt, String state, int count, int moved, int pending, List<Refused> refused,
                      Instant finishedAt) {
    }

    private final JdbcClient jdbc;
    private final CommandSender commands;
    private final OrgScopes scopes;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "handover");
        thread.setDaemon(true);
        return thread;
    });

    Handovers(JdbcClient jdbc, CommandSender commands, OrgScopes scopes,
              TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.scopes = scopes;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Starts the job (or meets the same request's job, and finishes what it left): refused unless the user may hand
     * over (TEAM_LEAD and above) and both owners lie in its scope.
     */
    public Job start(Request request, Authentication user) {
        Scope scope = scopes.of(user);
        if (!scopes.leads(user)) {
            throw new ForbiddenException("handover-needs-lead", "Handover needs a team lead",
                    "A book is handed over by a team lead, a branch manager or head office (or a manager who is no "
                            + "member of the organisation); " + user.getName() + " holds no such position.");
        }
        if (!scope.covers(request.fromOwner()) || !scope.covers(request.toOwner())) {
            throw new OutOfScopeException(user.getName());
        }
        if (request.fromOwner().equals(request.toOwner())) {
            throw new InvalidRequestException("toOwner", "the new owner is another user than the old one");
        }
        UUID jobId = jobId(request);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO handover_job (job_id, from_owner, to_owner, reason, requested_by, requested_at, state,
                                                      keep_previous_owner_as)
                            VALUES (:job, :from, :to, :reason, :user, :at, 'RUNNING', :keep)
                            ON CONFLICT (job_id) DO UPDATE SET state = 'RUNNING', finished_at = NULL""")
                    .param("job", jobId).param("from", request.fromOwner()).param("to", request.toOwner())
                    .param("reason", request.reason()).param("user", user.getName())
                    .param("keep", request.keepPreviousOwnerAs() == null ? null : request.keepPreviousOwnerAs().name())
                    .param("at", Timestamp.from(clock.instant())).update();
            // the customers the old owner has now (a repeat adds those it was given since)
            jdbc.sql("INSERT INTO handover_item (job_id, customer_id) SELECT :job, customer_id FROM customer_owner "
                            + "WHERE owner_id = :from AND NOT merged"
                            + (request.customerIds() == null ? "" : " AND customer_id = ANY(CAST(:ids AS uuid[]))")
                            + " ON CONFLICT DO NOTHING")
                    .param("job", jobId).param("from", request.fromOwner())
                    .param("ids", request.customerIds() == null ? null : request.customerIds().stream().map(UUID::toString).toArray(String[]::new))
                    .update();
        });
        worker.submit(() -> run(jobId));
        return job(jobId).orElseThrow();
    }

    /** Where the job stands; 404 for an unknown job, and a job outside the user's scope is 403 out-of-scope. */
    public Job progress(UUID jobId, Authentication user) {
        Job job = job(jobId).orElseThrow(() -> new NotFoundException("handover-not-found", "Handover not found",
                "No handover has the id " + jobId + "."));
        Scope scope = scopes.of(user);
        if (!job.requestedBy().equals(user.getName()) && !(scope.covers(job.fromOwner()) && scope.covers(job.toOwner()))) {
            throw new OutOfScopeException(user.getName());
        }
        return job;
    }

    /** After a crash or a restart: every job that had not finished goes on. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (UUID jobId : jdbc.sql("SELECT job_id FROM handover_job WHERE state = 'RUNNING' ORDER BY requested_at")
                .query(UUID.class).list()) {
            worker.submit(() -> run(jobId));
        }
    }


    /** The same old owner, new owner, reason and part of the book: the same job. */
    static UUID jobId(Request request) {
        String part = (request.customerIds() == null ? "*"
                : request.customerIds().stream().map(UUID::toString).sorted().toList().toString())
                + (request.keepPreviousOwnerAs() == null ? "" : " keep " + request.keepPreviousOwnerAs());
        return UUID.nameUUIDFromBytes(String.join("\n", "handover", request.fromOwner(), request.toOwner(),
                request.reason(), part).getBytes(StandardCharsets.UTF_8));
    }

    private void run(UUID jobId) {
        try {
            Map<String, Object> job = jdbc.sql("SELECT from_owner, to_owner, reason, requested_by, keep_previous_owner_as FROM handover_job "
                            + "WHERE job_id = :job")
                    .param("job", jobId).query().singleRow();
            Map<String, Object> metadata = Map.of(EventMetadata.ACTOR, job.get("requested_by"),
                    EventMetadata.CORRELATION_ID, jobId.toString());
            List<UUID> pending = jdbc.sql("SELECT customer_id FROM handover_item WHERE job_id = :job AND outcome IS NULL "
                    + "ORDER BY customer_id").param("job", jobId).query(UUID.class).list();
            for (UUID customerId : pending) {
                transactions.executeWithoutResult(status -> jdbc.sql("UPDATE handover_item SET outcome = :outcome "
                                + "WHERE job_id = :job AND customer_id = :customer")
                        .param("outcome", transfer(customerId, (String) job.get("from_owner"),
                                (String) job.get("to_owner"), (String) job.get("reason"),
                                job.get("keep_previous_owner_as") == null ? null : com.customerarchive.events.TeamAccess
                                        .valueOf((String) job.get("keep_previous_owner_as")), metadata))
                        .param("job", jobId).param("customer", customerId).update());
            }
            jdbc.sql("UPDATE handover_job SET state = 'DONE', finished_at = :at WHERE job_id = :job AND state = 'RUNNING' "
                            + "AND NOT EXISTS (SELECT 1 FROM handover_item WHERE job_id = :job AND outcome IS NULL)")
                    .param("at", Timestamp.from(clock.instant())).param("job", jobId).update();
        } catch (RuntimeException failed) {
            // the job stays RUNNING: a repeat of the request or the next start goes on where it stopped
            log.warn("handover {} stopped: {}", jobId, failed.getClass().getSimpleName());
        }
    }

    /** One customer moved in the transaction that notes it: MOVED, or the rule that refused it. */
    private String transfer(UUID customerId, String fromOwner, String toOwner, String reason,
                            com.customerarchive.events.TeamAccess keep, Map<String, Object> metadata) {
        try {
            commands.send(new HandOverCustomerCommand(new CustomerId(customerId), fromOwner, toOwner, reason, keep), null,
                    metadata);
            return "MOVED";
        } catch (RuleViolationException refused) {
            // the customer went to the new owner in a run that stopped before it noted so: moved once, not twice
            return refused.rule() == Rule.SAME_OWNER ? "MOVED" : refused.rule().code();
        } catch (AggregateNotFoundException gone) {
            return "customer-not-found";
        }
    }

    private Optional<Job> job(UUID jobId) {
        return jdbc.sql("SELECT * FROM handover_job WHERE job_id = :job").param("job", jobId).query().listOfRows()
                .stream().findFirst().map(row -> {
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    List<Refused> refused = new ArrayList<>();
                    jdbc.sql("SELECT customer_id, outcome FROM handover_item WHERE job_id = :job ORDER BY customer_id")
                            .param("job", jobId).query((rs, n) -> {
                                String outcome = rs.getString(2);
                                counts.merge(outcome == null ? "PENDING" : outcome.equals("MOVED") ? "MOVED" : "REFUSED",
                                        1, Integer::sum);
                                if (outcome != null && !outcome.equals("MOVED")) {
                                    refused.add(new Refused(rs.getObject(1, UUID.class), outcome));
                                }
                                return null;
                            }).list();
                    int count = counts.values().stream().mapToInt(Integer::intValue).sum();
                    return new Job(jobId, (String) row.get("from_owner"), (String) row.get("to_owner"),
                            (String) row.get("reason"), (String) row.get("requested_by"),
                            ((Timestamp) row.get("requested_at")).toInstant(), (String) row.get("state"), count,
                            counts.getOrDefault("MOVED", 0), counts.getOrDefault("PENDING", 0), refused,
                            row.get("finished_at") == null ? null : ((Timestamp) row.get("finished_at")).toInstant());
                });
    }
}
