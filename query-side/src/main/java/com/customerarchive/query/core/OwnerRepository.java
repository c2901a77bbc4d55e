package com.customerarchive.query.core;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * Who owns a customer, now and at any of its events, and whether it withdrew its consent: the one place that knows
 * where the read models keep it (now: the profile; before an event: the field-change timeline).
 */
@Repository
public class OwnerRepository {

    /** SQL: each customer's current owner as a table ({@code customer_id, owner_id}) to join. */
    public static final String CURRENT_OWNERS = "(SELECT customer_id, owner_id FROM profile)";

    private final JdbcClient jdbc;

    OwnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param consentGranted false once the customer withdrew its consent; null when never asked */
    /** @param team the users on the customer's team (相关团队) on {@code day}, whatever their access */
    public record Access(String ownerId, Boolean consentGranted, java.util.Set<String> team) {

        public Access(String ownerId, Boolean consentGranted) {
            this(ownerId, consentGranted, java.util.Set.of());
        }
    }

    /** Empty for a customer the read models do not know; its team as it stands on {@code day} (a business day). */
    public Optional<Access> accessOf(UUID customerId, java.time.LocalDate day) {
        return jdbc.sql("""
                        SELECT owner_id, CAST(state ->> 'consentGranted' AS boolean) AS consent,
                               (SELECT array_agg(member ->> 'user') FROM jsonb_array_elements(
                                       COALESCE(state -> 'team', '[]'::jsonb)) AS member
                                WHERE member ->> 'until' IS NULL OR CAST(member ->> 'until' AS date) >= :day) AS team
                        FROM profile WHERE customer_id = :id""").param("id", customerId).param("day", day)
                .query((row, n) -> {
                    java.sql.Array team = row.getArray("team");
                    return new Access(row.getString("owner_id"), (Boolean) row.getObject("consent"),
                            team == null ? java.util.Set.of()
                                    : new java.util.HashSet<>(java.util.Arrays.asList((String[]) team.getArray())));
                }).optional();
    }

    /**
     * The owner of each customer just before one of its events (the registration's, or the last transfer's before
     * it), whichever events the read models hold beyond it; a customer whose owner the timeline does not hold is left
     * out.
     *
     * @param sequence the customer's version at that event
     */
    public Map<UUID, String> ownersBefore(Collection<UUID> customerIds, ToLongFunction<UUID> sequence) {
        Map<UUID, String> owners = new HashMap<>();
        if (customerIds.isEmpty()) {
            return owners;
        }
        List<Long> sequences = new ArrayList<>(customerIds.size());
        customerIds.forEach(id -> sequences.add(sequence.applyAsLong(id)));
        jdbc.sql("""
                        SELECT asked.customer_id, owner.owner_id
                        FROM unnest(:ids, :sequences) AS asked (customer_id, sequence)
                        CROSS JOIN LATERAL (SELECT to_value #>> '{}' AS owner_id FROM field_change
                                            WHERE customer_id = asked.customer_id AND field = :field
                                              AND sequence < asked.sequence
                                            ORDER BY sequence DESC LIMIT 1) owner""")
                .param("ids", SqlArrays.uuids(customerIds)).param("sequences", SqlArrays.longs(sequences))
                .param("field", EventChanges.OWNER)
                .query((row, n) -> owners.put(row.getObject("customer_id", UUID.class), row.getString("owner_id")))
                .list();
        return owners;
    }

    /** How many customers each owner has (a merged duplicate is its target's, not counted again). */
    public Map<String, Long> customersPerOwner() {
        Map<String, Long> owned = new HashMap<>();
        jdbc.sql("SELECT owner_id, count(*) FROM profile WHERE merged_into IS NULL GROUP BY owner_id")
                .query((row, n) -> owned.put(row.getString(1), row.getLong(2))).list();
        return owned;
    }
}
