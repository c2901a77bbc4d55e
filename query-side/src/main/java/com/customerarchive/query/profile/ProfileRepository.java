package com.customerarchive.query.profile;

import com.customerarchive.events.CustomerKind;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.events.InformationSource;
import com.customerarchive.events.ProfileCard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** The {@code profile} read model, one row per customer, in plain SQL. */
@Repository
class ProfileRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ProfileRepository(JdbcClient jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the first version of a profile; a repeat of the same registration changes nothing. */
    void insertRegistered(UUID customerId, long version, CustomerKind kind, CustomerNature nature, CustomerTier tier,
            InformationSource source, Grade grade, String ownerId, ProfileCard card, Instant occurredAt) {
        jdbc.sql("""
                        INSERT INTO profile (customer_id, version, kind, nature, tier, source, grade, owner_id, status,
                                             name, city, card, registered_at, updated_at)
                        VALUES (:id, :version, :kind, :nature, :tier, :source, :grade, :owner, :status,
                                :name, :city, CAST(:card AS jsonb), :occurredAt, :occurredAt)
                        ON CONFLICT (customer_id) DO NOTHING""")
                .param("id", customerId)
                .param("version", version)
                .param("kind", kind.name())
                .param("nature", nature.name())
                .param("tier", tier.name())
                .param("source", source.name())
                .param("grade", grade.name())
                .param("owner", ownerId)
                .param("status", CustomerStatus.ACTIVE.name())
                .param("name", card.name())
                .param("city", card.basic() != null && card.basic().address() != null ? card.basic().address().city() : null)
                .param("card", write(card))
                .param("occurredAt", Timestamp.from(occurredAt))
                .update();
    }

    Optional<ProfileView> find(UUID customerId) {
        return jdbc.sql("SELECT * FROM profile WHERE customer_id = :id")
                .param("id", customerId)
                .query(this::toView)
                .optional();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM profile").update();
    }

    private ProfileView toView(ResultSet row, int rowNumber) throws SQLException {
        Timestamp lastContact = row.getTimestamp("last_contact_at");
        java.sql.Date nextFollowUp = row.getDate("next_follow_up_on");
        return new ProfileView(
                row.getObject("customer_id", UUID.class),
                row.getLong("version"),
                CustomerKind.valueOf(row.getString("kind")),
                CustomerNature.valueOf(row.getString("nature")),
                CustomerTier.valueOf(row.getString("tier")),
                InformationSource.valueOf(row.getString("source")),
                Grade.valueOf(row.getString("grade")),
                row.getString("owner_id"),
                CustomerStatus.valueOf(row.getString("status")),
                read(row.getString("card")),
                lastContact == null ? null : lastContact.toInstant(),
                nextFollowUp == null ? null : nextFollowUp.toLocalDate(),
                false,
                row.getInt("open_complaints"),
                row.getInt("visit_count"),
                row.getTimestamp("updated_at").toInstant());
    }

    private String write(ProfileCard card) {
        try {
            return json.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile card not writable as JSON", e);
        }
    }

    private ProfileCard read(String card) {
        try {
            return json.readValue(card, ProfileCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile card is not readable", e);
        }
    }
}
