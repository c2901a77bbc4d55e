package com.customerarchive.query.profile;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** Who owns a customer now, as the profile read model knows it. */
@Repository
public class OwnerRepository {

    private final JdbcClient jdbc;

    OwnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False once the customer withdrew its consent; empty for an unknown customer or one never asked. */
    public Optional<Boolean> consentGranted(UUID customerId) {
        return jdbc.sql("SELECT CAST(state ->> 'consentGranted' AS boolean) FROM profile WHERE customer_id = :id")
                .param("id", customerId).query((row, n) -> (Boolean) row.getObject(1)).optional()
                .flatMap(Optional::ofNullable);
    }

    public Optional<String> ownerOf(UUID customerId) {
        return jdbc.sql("SELECT owner_id FROM profile WHERE customer_id = :id").param("id", customerId)
                .query(String.class).optional();
    }
}
