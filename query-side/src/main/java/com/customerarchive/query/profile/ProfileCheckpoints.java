package com.customerarchive.query.profile;

import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.PersonalDataCipher;
import com.customerarchive.query.pass.RowAppender;
import com.customerarchive.query.pass.RowAppender.Column;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.pass.Tables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkpoints of each customer's folded profile every {@code archive.as-of.checkpoint-every} versions, so an
 * as-of view folds at most that many events from the store. A checkpoint holds the card, so it is sealed with
 * the customer's key: once the key is destroyed it no longer opens, like the events, and as-of folds from the start.
 */
@Repository
class ProfileCheckpoints {

    static final String TABLE = "profile_checkpoint";
    private static final String PATH = "$profile-checkpoint";
    private static final List<Column> COLUMNS = List.of(Column.of("customer_id"), Column.of("version"),
            Column.of("recorded_at"), Column.of("state"));

    private final JdbcClient jdbc;
    private final RowAppender appender;
    private final CustomerKeys keys;
    private final ObjectMapper json;
    private final ProfileStateJson states;
    private final int every;

    ProfileCheckpoints(JdbcClient jdbc, RowAppender appender, CustomerKeys keys,
                       @Qualifier("defaultAxonObjectMapper") ObjectMapper json, ProfileStateJson states,
                       @Value("${archive.as-of.checkpoint-every:100}") int every) {
        this.jdbc = jdbc;
        this.appender = appender;
        this.keys = keys;
        this.json = json;
        this.states = states;
        this.every = every;
    }

    /** A checkpoint to take of this state, or none (not a checkpoint version, or the customer has no key). */
    Optional<Object[]> of(ProfileState state, Instant recordedAt) {
        if (state.version() % every != 0) {
            return Optional.empty();
        }
        String customerId = state.customerId().toString();
        return keys.find(customerId).map(key -> new Object[]{state.customerId(), state.version(), recordedAt,
                PersonalDataCipher.encrypt(json, key, customerId, PATH, TextNode.valueOf(states.write(state))).textValue()});
    }

    void save(Tables tables, List<Object[]> checkpoints) {
        appender.append(tables, TABLE, COLUMNS, "customer_id, version", checkpoints);
    }

    /** An erased customer's checkpoints no longer open; they are removed as well. */
    void removeAll(Tables tables, Collection<UUID> customers) {
        if (!customers.isEmpty()) {
            jdbc.sql("DELETE FROM " + tables.of(TABLE) + " WHERE customer_id = ANY(:ids)")
                    .param("ids", SqlArrays.uuids(customers)).update();
        }
    }

    record Checkpoint(ProfileState state, Instant recordedAt) {
    }

    private record Sealed(Instant recordedAt, String state) {
    }

    /** The newest checkpoint at or before the version and the recording time that still opens. */
    Optional<Checkpoint> latest(UUID customerId, Long version, Instant recordedBy) {
        return jdbc.sql("""
                        SELECT version, recorded_at, state FROM profile_checkpoint
                        WHERE customer_id = :id AND version <= :version AND recorded_at <= :recordedBy
                        ORDER BY version DESC LIMIT 1""")
                .param("id", customerId).param("version", version == null ? Long.MAX_VALUE : version)
                .param("recordedBy", Timestamp.from(recordedBy == null ? Instant.parse("9999-12-31T00:00:00Z") : recordedBy))
                .query((row, n) -> new Sealed(row.getTimestamp("recorded_at").toInstant(), row.getString("state")))
                .optional()
                .flatMap(sealed -> open(customerId, sealed.state()).map(state -> new Checkpoint(state, sealed.recordedAt())));
    }

    private Optional<ProfileState> open(UUID customerId, String sealed) {
        String id = customerId.toString();
        Optional<SecretKey> key = keys.find(id);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(states.read(
                    PersonalDataCipher.decrypt(json, key.get(), id, PATH, TextNode.valueOf(sealed)).textValue()));
        } catch (GeneralSecurityException | IllegalStateException unreadable) {
            return Optional.empty();
        }
    }
}
