package com.customerarchive.query.core;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** Who owns a customer now and whether it withdrew its consent, as the profile read model knows it. */
@Repository
public class OwnerRepository {

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
}
