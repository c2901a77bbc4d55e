package com.customerarchive.query.profile;

import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.PoolOwner;
import com.customerarchive.events.org.PoolRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The profiles the public pool's lists read: a rep's book (for the warnings of a coming return) and what waits in a
 * pool, as folded states.
 */
@Component
public class PoolBooks {

    private final JdbcClient jdbc;
    private final ProfileStateJson states;

    PoolBooks(JdbcClient jdbc, ProfileStateJson states) {
        this.jdbc = jdbc;
        this.states = states;
    }

    /** The active customers of these owners (null: every rep's), merged ones left out. */
    public List<ProfileState> book(String[] owners) {
        return jdbc.sql("SELECT state FROM profile WHERE merged_into IS NULL AND status = 'ACTIVE' "
                        + "AND owner_id NOT LIKE 'pool:%' AND (CAST(:owners AS text[]) IS NULL "
                        + "OR owner_id = ANY(CAST(:owners AS text[]))) ORDER BY customer_id")
                .param("owners", owners).query((row, n) -> states.read(row.getString(1))).list();
    }

    /** The customers of these owners (null: every owner's) with money open after a sale, merged ones left out. */
    public List<ProfileState> owing(String[] owners) {
        return jdbc.sql("SELECT state FROM profile WHERE merged_into IS NULL AND (CAST(:owners AS text[]) IS NULL "
                        + "OR owner_id = ANY(CAST(:owners AS text[]))) "
                        + "AND jsonb_path_exists(CAST(state AS jsonb), '$.credit.shipments.*.open ? (@ > 0)') "
                        + "ORDER BY customer_id")
                .param("owners", owners).query((row, n) -> states.read(row.getString(1))).list();
    }

    /** What waits in the pool, the latest return first; {@code total} counts them all. */
    public record InPool(List<ProfileState> customers, long total) {
    }

    public InPool inPool(String poolId, String grade, int page, int size) {
        String owner = PoolOwner.of(poolId);
        List<ProfileState> found = jdbc.sql("SELECT state FROM profile WHERE owner_id = :owner AND merged_into IS NULL "
                        + "AND (CAST(:grade AS text) IS NULL OR grade = :grade) "
                        + "ORDER BY CAST(state->'pool'->>'returnedAt' AS timestamptz) DESC NULLS LAST, customer_id LIMIT :size OFFSET :offset")
                .param("owner", owner).param("grade", grade).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> states.read(row.getString(1))).list();
        long total = jdbc.sql("SELECT count(*) FROM profile WHERE owner_id = :owner AND merged_into IS NULL "
                        + "AND (CAST(:grade AS text) IS NULL OR grade = :grade)")
                .param("owner", owner).param("grade", grade).query(Long.class).single();
        return new InPool(found, total);
    }

    /** How many customers wait in the pool. */
    public long count(String poolId) {
        return jdbc.sql("SELECT count(*) FROM profile WHERE owner_id = :owner AND merged_into IS NULL")
                .param("owner", PoolOwner.of(poolId)).query(Long.class).single();
    }

    /** What the pool's rule reads of this profile (the same rule command-side decides a return by). */
    public static PoolRules.Clock clock(ProfileState state, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        boolean liveCard = state.membershipCard() != null && "LIVE".equals(state.membershipCard().status())
                && state.membershipCard().validUntil() != null && !state.membershipCard().validUntil().isBefore(today);
        return new PoolRules.Clock(state.grade(), state.pool().ownerSince(), state.lastContactAt(),
                state.pool().lastPurchaseAt(), state.pool().lastPurchaseAt() != null,
                state.complaints().values().stream().anyMatch(status -> status != ComplaintStatus.CLOSED),
                liveCard, state.pool().locked() || state.status() != CustomerStatus.ACTIVE);
    }
}
