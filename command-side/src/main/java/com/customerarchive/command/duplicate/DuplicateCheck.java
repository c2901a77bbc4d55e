package com.customerarchive.command.duplicate;

import com.customerarchive.command.customer.CardChanges;
import com.customerarchive.command.customer.CardEdit;
import com.customerarchive.command.customer.CustomerDirectory;
import com.customerarchive.command.customer.CustomerFacts;
import com.customerarchive.command.customer.DescribeCustomerCommand;
import com.customerarchive.command.customer.EditDespiteDuplicatesCommand;
import com.customerarchive.command.customer.EditProfileCardCommand;
import com.customerarchive.command.customer.RegisterCustomerCommand;
import com.customerarchive.command.customer.RegisterDespiteDuplicatesCommand;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.events.org.Scope;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.platform.security.Role;
import com.customerarchive.platform.security.Roles;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The duplicate check (客户归属) around registrations and card edits, in the transaction of their events: the new keys
 * are locked, looked up among other customers' and written with the events, so of two registrations of one company
 * at once (on any command-side) the second waits for the first and meets it.
 */
@Service
public class DuplicateCheck {

    /** How far a merged customer's target is followed (a target merged again later) before it is left out. */
    private static final int MERGE_HOPS = 10;

    private final CommandSender commands;
    private final DuplicateKeyTable table;
    private final KeyDigests digests;
    private final DuplicateProperties properties;
    private final OrgScopes scopes;
    private final CustomerDirectory directory;

    DuplicateCheck(CommandSender commands, DuplicateKeyTable table, KeyDigests digests, DuplicateProperties properties,
                   OrgScopes scopes, CustomerDirectory directory) {
        this.commands = commands;
        this.table = table;
        this.digests = digests;
        this.properties = properties;
        this.scopes = scopes;
        this.directory = directory;
    }

    /**
     * Registers the customer unless the archive may hold it already (409 possible-duplicate with the candidates);
     * a manager's {@code force} registers it anyway, recording the candidates and the reason.
     */
    @Transactional
    public long register(RegisterCustomerCommand command, boolean force, String forceReason, Authentication user,
                         Instant occurredAt) {
        if (force && !Roles.of(user).contains(Role.MANAGER)) {
            throw new DuplicateProblems.ForceNeedsManagerException();
        }
        UUID id = command.customerId().value();
        if (directory.exists(id)) {
            return commands.send(command, occurredAt); // a repeat (or a taken id): the customer answers for itself
        }
        List<DuplicateKeyTable.Digest> keys = digestsOf(command.kind(), command.card());
        List<Candidate> candidates = List.of();
        if (properties.enabled()) {
            table.lock(keys);
            candidates = candidates(keys, id, user);
            if (!candidates.isEmpty() && !force) {
                throw new PossibleDuplicateException(candidates);
            }
        }
        table.replace(id, keys);
        if (candidates.isEmpty()) {
            return commands.send(command, occurredAt);
        }
        return commands.send(new RegisterDespiteDuplicatesCommand(command,
                candidates.stream().map(candidate -> candidate.id().toString()).toList(), forceReason), occurredAt);
    }

    /**
     * Edits the card; an edit that gives the customer an identity key another customer holds is refused (409
     * possible-duplicate) unless a manager forces it with a reason. An edit that touches no identifying field goes
     * straight through.
     */
    @Transactional
    public CardEdit edit(EditProfileCardCommand command, boolean force, String forceReason, Authentication user,
                         Instant occurredAt) {
        if (force && !Roles.of(user).contains(Role.MANAGER)) {
            throw new DuplicateProblems.ForceNeedsManagerException();
        }
        if (!touchesIdentity(command.patch().merge())) {
            return commands.send(command, occurredAt);
        }
        UUID id = command.customerId().value();
        // identifying edits of one customer take turns, so the keys below stay those of the card the edit applies to;
        // other writes (a visit, a grade) go on meanwhile and the edit needs no pinned version against them
        directory.lock(id);
        CustomerFacts facts = commands.send(new DescribeCustomerCommand(command.customerId(), false), occurredAt);
        ProfileCard edited;
        try {
            edited = CardChanges.merge(facts.card(), command.patch());
        } catch (IllegalArgumentException | NullPointerException unfit) {
            return commands.send(command, occurredAt); // the customer refuses the patch with its own rule
        }
        List<DuplicateKeyTable.Digest> keys = digestsOf(facts.kind(), edited);
        List<Candidate> candidates = List.of();
        if (properties.enabled()) {
            Set<String> held = table.digestsOf(id);
            List<DuplicateKeyTable.Digest> added = keys.stream().filter(key -> !held.contains(key.value())).toList();
            table.lock(added);
            candidates = candidates(added, id, user);
            if (!candidates.isEmpty() && !force) {
                throw new PossibleDuplicateException(candidates);
            }
        }
        table.replace(id, keys);
        if (candidates.isEmpty()) {
            return commands.send(command, occurredAt);
        }
        return commands.send(new EditDespiteDuplicatesCommand(command,
                candidates.stream().map(candidate -> candidate.id().toString()).toList(), forceReason), occurredAt);
    }

    /**
     * The customers the archive holds that a registration of this card would meet, looked up without a lock and
     * without writing (an import's report, before anything is registered); none while the check is off.
     */
    @Transactional(readOnly = true)
    public List<Candidate> candidatesOf(CustomerId self, CustomerKind kind, ProfileCard card, Authentication user) {
        if (!properties.enabled()) {
            return List.of();
        }
        return candidates(digestsOf(kind, card), self.value(), user);
    }

    /** Whether a registration meets a customer: the check's switch ({@code archive.duplicates.enabled}). */
    public boolean enabled() {
        return properties.enabled();
    }

    /** The keys of a customer that has none yet (registered before the check existed). */
    @Transactional
    public void index(UUID customerId) {
        CustomerFacts facts = commands.send(new DescribeCustomerCommand(new CustomerId(customerId), true), null);
        table.replace(customerId, facts.erased() ? List.of() : digestsOf(facts.kind(), facts.card()));
    }

    private List<DuplicateKeyTable.Digest> digestsOf(CustomerKind kind, ProfileCard card) {
        return IdentityKeys.of(kind, card).stream()
                .map(key -> new DuplicateKeyTable.Digest(key.kind(), digests.digest(key))).toList();
    }

    private List<Candidate> candidates(List<DuplicateKeyTable.Digest> keys, UUID self, Authentication user) {
        Map<UUID, Set<IdentityKeys.Kind>> holders = table.holders(keys, self);
        if (holders.isEmpty()) {
            return List.of(); // the usual case: no look-up of the user's scope on a registration that meets nobody
        }
        Scope scope = user == null ? null : scopes.of(user);
        Map<UUID, Candidate> found = new LinkedHashMap<>();
        for (Map.Entry<UUID, Set<IdentityKeys.Kind>> holder : holders.entrySet()) {
            CustomerFacts facts = current(holder.getKey());
            if (facts == null || facts.customerId().equals(self) || facts.erased()) {
                continue;
            }
            Set<IdentityKeys.Kind> matched = new TreeSet<>(holder.getValue());
            Candidate earlier = found.get(facts.customerId());
            if (earlier != null) {
                matched.addAll(earlier.matchedOn());
            }
            boolean masked = scope != null && !scope.covers(facts.ownerId());
            String name = facts.card() == null ? null : facts.card().name();
            found.put(facts.customerId(), new Candidate(facts.customerId(), facts.code(), masked ? mask(name) : name,
                    masked ? "***" : facts.ownerId(), facts.status() == null ? null : facts.status().name(), matched,
                    masked));
        }
        return new ArrayList<>(found.values());
    }

    /** The customer, or the one it was merged into (followed to the end); null when none is found. */
    private CustomerFacts current(UUID customerId) {
        UUID id = customerId;
        for (int hop = 0; hop < MERGE_HOPS; hop++) {
            CustomerFacts facts;
            try {
                facts = commands.send(new DescribeCustomerCommand(new CustomerId(id), true), null);
            } catch (AggregateNotFoundException gone) {
                return null;
            }
            if (facts.mergedInto() == null) {
                return facts;
            }
            id = facts.mergedInto();
        }
        return null;
    }

    /** The first character and stars: enough for a rep to tell a manager which one, not enough to read the card. */
    static String mask(String name) {
        if (name == null || name.isBlank()) {
            return "***";
        }
        return new String(Character.toChars(name.strip().codePointAt(0))) + "***";
    }

    @SuppressWarnings("unchecked")
    private static boolean touchesIdentity(Map<String, Object> patch) {
        if (!patch.containsKey("basic")) {
            return false;
        }
        if (!(patch.get("basic") instanceof Map<?, ?> basic)) {
            return true;
        }
        return IdentityKeys.touches(((Map<String, Object>) basic).keySet());
    }
}
