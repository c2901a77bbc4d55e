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
                   p.name AS holder, p.owner_id,
                   (SELECT count(*) FROM membership_activity a WHERE a.card_number = c.card_number AND a.kind = 'USED') AS uses
            FROM membership_card c JOIN profile p ON p.customer_id = c.customer_id
            """.replace("{status}", STATUS);

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Card(String cardNumber, UUID customerId, MembershipTier tier, String status, LocalDate validFrom,
                LocalDate validUntil, String replacedBy, long uses, String holder, String ownerId) {
    }

    Optional<Card> find(String cardNumber, LocalDate today) {
        return jdbc.sql(CARD + " WHERE c.card_number = :number").param("number", cardNumber)
                .param("today", Date.valueOf(today)).query((row, n) -> card(row)).optional();
    }

    record CardFilter(String status, MembershipTier tier, LocalDate expiringBefore, String ownerId, LocalDate today) {
    }

    List<Card> list(CardFilter filter, int page, int size) {
        return jdbc.sql(CARD + """
                         WHERE (CAST(:status AS varchar) IS NULL OR %s = :status)
                           AND (CAST(:tier AS varchar) IS NULL OR c.tier = :tier)
                           AND (CAST(:before AS date) IS NULL OR (c.status = 'LIVE' AND c.valid_until < :before))
                           AND (CAST(:owner AS varchar) IS NULL OR p.owner_id = :owner)
                         ORDER BY c.valid_until, c.card_number LIMIT :limit OFFSET :offset""".formatted(STATUS))
                .param("status", filter.status()).param("tier", filter.tier() == null ? null : filter.tier().name())
                .param("before", filter.expiringBefore() == null ? null : Date.valueOf(filter.expiringBefore()))
                .param("owner", filter.ownerId()).param("today", Date.valueOf(filter.today()))
                .param("limit", size).param("offset", (long) page * size)
                .query((row, n) -> card(row)).list();
    }

    long count(CardFilter filter) {
        return jdbc.sql("""
                        SELECT count(*) FROM membership_card c JOIN profile p ON p.customer_id = c.customer_id
                        WHERE (CAST(:status AS varchar) IS NULL OR %s = :status)
                          AND (CAST(:tier AS varchar) IS NULL OR c.tier = :tier)
                          AND (CAST(:before AS date) IS NULL OR (c.status = 'LIVE' AND c.valid_until < :before))
                          AND (CAST(:owner AS varchar) IS NULL OR p.owner_id = :owner)""".formatted(STATUS))
                .param("status", filter.status()).param("tier", filter.tier() == null ? null : filter.tier().name())
                .param("before", filter.expiringBefore() == null ? null : Date.valueOf(filter.expiringBefore()))
                .param("owner", filter.ownerId()).param("today", Date.valueOf(filter.today()))
                .query(Long.class).single();
    }

    /**
     * The fees of a tier per currency in {@code totals}, and as {@code fees} while they are in one currency. A fee is
     * recorded without a currency (the commands take none), so it is in {@link #FEE_CURRENCY}.
     */
    record TierFigures(MembershipTier tier, long issued, long renewed, long reportedLost, long reissued, long cancelled,
                       long expired, BigDecimal fees, List<Amount> totals) {

        static TierFigures of(MembershipTier tier, long issued, long renewed, long reportedLost, long reissued,
                              long cancelled, long expired, BigDecimal fees) {
            List<Amount> totals = fees.signum() == 0 ? List.of() : List.of(new Amount(FEE_CURRENCY, fees));
            return new TierFigures(tier, issued, renewed, reportedLost, reissued, cancelled, expired,
                    Totals.single(totals), totals);
        }
    }

    /** DOMAIN.md: money is CNY unless another currency is named, and a card's fee never names one. */
    static final String FEE_CURRENCY = "CNY";

    /** Per tier, what happened to cards in [from, to); expired: live cards whose end date fell in the period. */
    List<TierFigures> figures(Instant from, Instant to) {
        return jdbc.sql("""
                        WITH events AS (
                            SELECT COALESCE(a.tier, c.tier) AS tier, a.kind, a.fee
                            FROM membership_activity a JOIN membership_card c ON c.card_number = a.card_number
                            WHERE a.occurred_at >= :from AND a.occurred_at < :to),
                        expired AS (
                            SELECT tier, count(*) AS n FROM membership_card
                            WHERE status = 'LIVE' AND valid_until >= CAST(:from AS date) AND valid_until < CAST(:to AS date)
                            GROUP BY tier)
                        SELECT t.tier,
                               count(*) FILTER (WHERE e.kind = 'ISSUED') AS issued,
                               count(*) FILTER (WHERE e.kind = 'RENEWED') AS renewed,
                               count(*) FILTER (WHERE e.kind = 'REPORTED_LOST') AS reported_lost,
                               count(*) FILTER (WHERE e.kind = 'REISSUED') AS reissued,
                               count(*) FILTER (WHERE e.kind = 'CANCELLED') AS cancelled,
                               COALESCE(max(x.n), 0) AS expired,
                               COALESCE(sum(e.fee) FILTER (WHERE e.kind IN ('ISSUED', 'RENEWED', 'REISSUED')), 0) AS fees
                        FROM unnest(CAST(:tiers AS text[])) AS t(tier)
                        LEFT JOIN events e ON e.tier = t.tier
                        LEFT JOIN expired x ON x.tier = t.tier
                        GROUP BY t.tier ORDER BY array_position(CAST(:tiers AS text[]), t.tier)""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("tiers", java.util.Arrays.stream(MembershipTier.values()).map(Enum::name).toArray(String[]::new))
                .query((row, n) -> TierFigures.of(MembershipTier.valueOf(row.getString("tier")), row.getLong("issued"),
                        row.getLong("renewed"), row.getLong("reported_lost"), row.getLong("reissued"),
                        row.getLong("cancelled"), row.getLong("expired"),
                        row.getBigDecimal("fees").setScale(2, java.math.RoundingMode.UNNECESSARY)))
                .list();
    }

    private static Card card(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Card(row.getString("card_number"), row.getObject("customer_id", UUID.class),
                MembershipTier.valueOf(row.getString("tier")), row.getString("status"),
                row.getDate("valid_from").toLocalDate(), row.getDate("valid_until").toLocalDate(),
                row.getString("replaced_by"), row.getLong("uses"), row.getString("holder"), row.getString("owner_id"));
    }
}
