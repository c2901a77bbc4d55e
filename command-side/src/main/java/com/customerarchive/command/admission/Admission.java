package com.customerarchive.command.admission;

import com.customerarchive.command.customer.Approval;
import com.customerarchive.command.customer.ApproveCustomerCommand;
import com.customerarchive.command.customer.CustomerDirectory;
import com.customerarchive.command.customer.MigrateAdmissionCommand;
import com.customerarchive.command.customer.RegisterCustomerCommand;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerId;
import com.customerarchive.platform.time.BusinessZone;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where review meets the store: a registration starts pending (or, review off, approved under its code) and an
 * approval takes its code, each in the transaction that stores its events.
 */
@Service
public class Admission {

    private final CommandSender commands;
    private final AdmissionProperties properties;
    private final CodeSequence codes;
    private final JdbcClient jdbc;
    private final CustomerDirectory customers;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final BusinessZone zone;

    Admission(CommandSender commands, AdmissionProperties properties, CodeSequence codes, JdbcClient jdbc,
              CustomerDirectory customers, TransactionTemplate transactions, Clock clock, BusinessZone zone) {
        this.commands = commands;
        this.properties = properties;
        this.codes = codes;
        this.jdbc = jdbc;
        this.customers = customers;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Review on: the card waits for a manager. Review off: approved at once, with the next code, in the transaction
     * that stores the registration; registrations of one customer id wait for each other there, so a repeat finds
     * the first one's code (and the aggregate answers it as the first). {@code store} stores the registration as
     * review made it (the duplicate check's, in the same transaction).
     */
    public long register(RegisterCustomerCommand command, Instant occurredAt,
                         Function<RegisterCustomerCommand, Long> store) {
        if (properties.enabled()) {
            return store.apply(withAdmission(command, AdmissionState.PENDING_REVIEW, null));
        }
        Long version = transactions.execute(status -> {
            customers.lock(command.customerId().value());
            String code = codes.codeOf(command.customerId().value()).orElseGet(() -> codes.next(command.customerId(),
                    command.card(), zone.dayOf(occurredAt != null ? occurredAt : clock.instant())));
            return store.apply(withAdmission(command, AdmissionState.APPROVED, code));
        });
        return version == null ? 0 : version;
    }

    /** The code is taken in the command's own transaction (the command bus's), with the approval's event. */
    public Approval approve(UUID customerId, Long expectedVersion, String notes, Instant occurredAt) {
        return commands.send(new ApproveCustomerCommand(new CustomerId(customerId), expectedVersion, notes,
                properties.requiredFields()), occurredAt);
    }

    /**
     * Every customer registered before review existed is approved as of now and coded, in the order they were
     * registered; those already coded (or pending review) are left as they are, so a second run changes nothing.
     */
    public List<Migrated> migrate(String notes) {
        List<UUID> uncoded = jdbc.sql("""
                        SELECT e.aggregate_identifier FROM domain_event_entry e
                        WHERE e.sequence_number = 0 AND e.type = 'Customer' AND NOT EXISTS (
                            SELECT 1 FROM customer_code c WHERE c.customer_id = e.aggregate_identifier)
                        ORDER BY e.global_index""")
                .query(String.class).list().stream().map(UUID::fromString).toList();
        List<Migrated> migrated = new ArrayList<>();
        for (UUID customerId : uncoded) {
            Approval approval = transactions.execute(status ->
                    commands.send(new MigrateAdmissionCommand(new CustomerId(customerId), notes), null));
            if (approval != null && approval.code() != null) {
                migrated.add(new Migrated(customerId, approval.code(), approval.version()));
            }
        }
        return migrated;
    }

    public record Migrated(UUID customerId, String code, long version) {
    }

    private static RegisterCustomerCommand withAdmission(RegisterCustomerCommand command, AdmissionState admission,
                                                         String code) {
        return new RegisterCustomerCommand(command.customerId(), command.kind(), command.nature(), command.tier(),
                command.source(), command.grade(), command.ownerId(), command.card(), command.referredBy(), admission,
                code);
    }
}
