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
    public record Access(String ownerId, Boolean consentGranted) {
    }

    /** Empty for a customer the read models do not know. */
    public Optional<Access> accessOf(UUID customerId) {
        return jdbc.sql("SELECT owner_id, CAST(state ->> 'consentGranted' AS boolean) AS consent FROM profile "
                        + "WHERE customer_id = :id").param("id", customerId)
                .query((row, n) -> new Access(row.getString("owner_id"), (Boolean) row.getObject("consent"))).optional();
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
