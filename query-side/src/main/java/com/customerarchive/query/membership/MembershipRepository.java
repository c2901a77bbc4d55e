package com.customerarchive.query.membership;

import com.customerarchive.events.MembershipTier;
import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Totals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Membership cards by number, in lists for notices, and added up per tier for the membership report. */
@Repository
class MembershipRepository {

    /** The card's status on {@code :today}: a live card past its end date is EXPIRED. */
    private static final String STATUS = "CASE WHEN c.status = 'LIVE' AND c.valid_until < :today THEN 'EXPIRED' "
            + "ELSE c.status END";
    private static final String CARD = """
            SELECT c.card_number, c.customer_id, c.tier, {status} AS status, c.valid_from, c.valid_until, c.replaced_by,
                   p.name AS holder, p.owner_id, p.code,
                   (SELECT count(*) FROM membership_activity a WHERE a.card_number = c.card_number AND a.kind = 'USED') AS uses
            FROM membership_card c JOIN profile p ON p.customer_id = c.customer_id
            """.replace("{status}", STATUS);

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Card(String cardNumber, UUID customerId, MembershipTier tier, String status, LocalDate validFrom,
                LocalDate validUntil, String replacedBy, long uses, String holder, String ownerId, String code) {
    }

    Optional<Card> find(String cardNumber, LocalDate today) {
        return jdbc.sql(CARD + " WHERE c.card_number = :number").param("number", cardNumber)
                .param("today", Date.valueOf(today)).query((row, n) -> card(row)).optional();
    }

    record CardFilter(String status, MembershipTier tier, LocalDate expiringBefore, String[] owners, LocalDate today) {
    }

    List<Card> list(CardFilter filter, int page, int size) {
        return jdbc.sql(CARD + """
                         WHERE (CAST(:status AS varchar) IS NULL OR %s = :status)
                           AND (CAST(:tier AS varchar) IS NULL OR c.tier = :tier)
                           AND (CAST(:before AS date) IS NULL OR (c.status = 'LIVE' AND c.valid_until < :before))
                           AND (CAST(:owner AS text[]) IS NULL OR p.owner_id = ANY(CAST(:owner AS text[])))
                         ORDER BY c.valid_until, c.card_number LIMIT :limit OFFSET :offset""".formatted(STATUS))
                .param("status", filter.status()).param("tier", filter.tier() == null ? null : filter.tier().name())
                .param("before", filter.expiringBefore() == null ? null : Date.valueOf(filter.expiringBefore()))
                .param("owner", filter.owners()).param("today", Date.valueOf(filter.today()))
                .param("limit", size).param("offset", (long) page * size)
                .query((row, n) -> card(row)).list();
    }

    long count(CardFilter filter) {
        return jdbc.sql("""
                        SELECT count(*) FROM membership_card c JOIN profile p ON p.customer_id = c.customer_id
                        WHERE (CAST(:status AS varchar) IS NULL OR %s = :status)
                          AND (CAST(:tier AS varchar) IS NULL OR c.tier = :tier)
                          AND (CAST(:before AS date) IS NULL OR (c.status = 'LIVE' AND c.valid_until < :before))
                          AND (CAST(:owner AS text[]) IS NULL OR p.owner_id = ANY(CAST(:owner AS text[])))""".formatted(STATUS))
                .param("status", filter.status()).param("tier", filter.tier() == null ? null : filter.tier().name())
                .param("before", filter.expiringBefore() == null ? null : Date.valueOf(filter.expiringBefore()))
                .param("owner", filter.owners()).param("today", Date.valueOf(filter.today()))
                .query(Long.class).single();
    }

    private static Card card(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Card(row.getString("card_number"), row.getObject("customer_id", UUID.class),
                MembershipTier.valueOf(row.getString("tier")), row.getString("status"),
                row.getDate("valid_from").toLocalDate(), row.getDate("valid_until").toLocalDate(),
                row.getString("replaced_by"), row.getLong("uses"), row.getString("holder"), row.getString("owner_id"),
                row.getString("code"));
    }
}
