package com.customerarchive.query.commercial;

import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.money.Totals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Each customer's purchases and referrals added up at an instant, per currency (cancelled purchases left out). */
@Repository
public class CommercialRepository {

    private static final String FIGURES = """
            WITH kept AS (
                SELECT customer_id, amount, currency, purchased_at
                FROM purchase
                WHERE NOT cancelled AND purchased_at <= :asOf
                  -- one customer's figures need its own purchases and those of the customers it referred only
                  AND (CAST(:customer AS uuid) IS NULL OR customer_id = :customer OR customer_id IN (
                      SELECT customer_id FROM profile WHERE referred_by = CAST(CAST(:customer AS uuid) AS varchar)))),
            bought AS (
                SELECT customer_id, count(*) AS purchases, min(purchased_at) AS first_at,
                       (array_agg(purchased_at ORDER BY purchased_at))[2] AS second_at, max(purchased_at) AS last_at,
                       count(*) FILTER (WHERE purchased_at > CAST(:asOf AS timestamptz) - INTERVAL '1 year') AS last_year,
                       count(DISTINCT date_trunc('quarter', purchased_at AT TIME ZONE :zone))
                           FILTER (WHERE purchased_at >= :quartersFrom AND purchased_at < :quartersTo) AS quarters
                FROM kept GROUP BY customer_id),
            quarters AS (
                SELECT DISTINCT customer_id, CAST(date_trunc('quarter', purchased_at AT TIME ZONE :zone) AS date) AS q
                FROM kept WHERE purchased_at < :quartersTo),
            islands AS (
                -- consecutive quarters share one island: the quarter's number less its rank
                SELECT customer_id, q, (extract(year FROM q) * 4 + extract(quarter FROM q))
                           - row_number() OVER (PARTITION BY customer_id ORDER BY q) AS island
                FROM quarters),
            runs AS (SELECT customer_id, min(q) AS run_from, max(q) AS run_to FROM islands GROUP BY customer_id, island),
            spent AS (SELECT customer_id, currency, sum(amount) AS total FROM kept GROUP BY customer_id, currency),
            spent_lines AS (SELECT s.customer_id, {totals} FROM spent s GROUP BY s.customer_id),
            referred AS (
                SELECT customer_id, referred_by FROM profile
                WHERE referred_by IS NOT NULL AND registered_at <= :asOf
                  AND (CAST(:customer AS uuid) IS NULL OR referred_by = CAST(CAST(:customer AS uuid) AS varchar))),
            referrals AS (SELECT referred_by AS referrer, count(*) AS referred FROM referred GROUP BY referred_by),
            referred_lines AS (
                SELECT s.referrer, {totals}
                FROM (SELECT r.referred_by AS referrer, b.currency, sum(b.total) AS total
                      FROM referred r JOIN spent b ON b.customer_id = r.customer_id
                      GROUP BY r.referred_by, b.currency) s
                GROUP BY s.referrer)
            SELECT p.customer_id, p.name, p.owner_id, p.grade, p.status, p.registered_at, p.last_contact_at,
                   p.state ->> 'archiveReason' AS archive_reason, p.state ->> 'archivedAt' AS archived_at,
                   COALESCE(b.purchases, 0) AS purchases, b.first_at, b.second_at,
                   b.last_at, COALESCE(b.last_year, 0) AS last_year, COALESCE(b.quarters, 0) AS quarters,
                   run.run_from, COALESCE(r.referred, 0) AS referred, own.currencies, own.amounts,
                   theirs.currencies AS referred_currencies, theirs.amounts AS referred_amounts
            FROM profile p
            LEFT JOIN bought b ON b.customer_id = p.customer_id
            LEFT JOIN runs run ON run.customer_id = p.customer_id AND run.run_to = CAST(:lastQuarter AS date)
            LEFT JOIN spent_lines own ON own.customer_id = p.customer_id
            LEFT JOIN referrals r ON r.referrer = CAST(p.customer_id AS varchar)
            LEFT JOIN referred_lines theirs ON theirs.referrer = CAST(p.customer_id AS varchar)
            WHERE p.registered_at <= :asOf
              AND (CAST(:customer AS uuid) IS NULL OR p.customer_id = :customer)
              AND (CAST(:owner AS text[]) IS NULL OR p.owner_id = ANY(CAST(:owner AS text[])))
            """.replace("{totals}", Totals.AGGREGATED);

    private final JdbcClient jdbc;
    private final BusinessZone zone;

    CommercialRepository(JdbcClient jdbc, BusinessZone zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** Every customer registered by {@code asOf}, or only one customer's, or those of some owners (nulls: no filter). */
    public List<Figures> figures(Instant asOf, UUID customerId, String[] owners) {
        return jdbc.sql(FIGURES)
                .param("asOf", Timestamp.from(asOf))
                .param("quartersFrom", Timestamp.from(Lifecycle.quarterStart(asOf, 4, zone)))
                .param("quartersTo", Timestamp.from(Lifecycle.quarterStart(asOf, 0, zone)))
                .param("lastQuarter", java.sql.Date.valueOf(zone.dayOf(Lifecycle.quarterStart(asOf, 1, zone))))
                .param("zone", zone.zone().getId())
                .param("customer", customerId).param("owner", owners)
                .query((row, n) -> new Figures(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getString("owner_id"), Grade.valueOf(row.getString("grade")),
                        CustomerStatus.valueOf(row.getString("status")), row.getString("archive_reason"),
                        instant(row.getTimestamp("registered_at")), instant(row.getTimestamp("last_contact_at")),
                        row.getString("archived_at") == null ? null : Instant.parse(row.getString("archived_at")),
                        row.getInt("purchases"), Totals.read(row), instant(row.getTimestamp("first_at")),
                        instant(row.getTimestamp("second_at")), instant(row.getTimestamp("last_at")),
                        row.getInt("last_year"), row.getInt("quarters"),
                        row.getDate("run_from") == null ? null : row.getDate("run_from").toLocalDate(),
                        row.getInt("referred"),
                        Totals.read(row, "referred_currencies", "referred_amounts")))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
