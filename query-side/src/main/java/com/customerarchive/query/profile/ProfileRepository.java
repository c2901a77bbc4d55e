package com.customerarchive.query.profile;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.query.core.SqlArrays;
import com.customerarchive.query.pass.Tables;
import com.customerarchive.query.rules.ArchiveRules;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code profile} read model: the folded state of each customer plus the columns managers filter on. */
@Repository
class ProfileRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate plain;
    private final ProfileStateJson states;
    private final ArchiveRules rules;
    private final BusinessZone zone;

    private final com.customerarchive.query.core.Completeness completeness;

    ProfileRepository(JdbcClient jdbc, JdbcTemplate plain, ProfileStateJson states, ArchiveRules rules,
                      BusinessZone zone, com.customerarchive.query.core.Completeness completeness) {
        this.completeness = completeness;
        this.zone = zone;
        this.jdbc = jdbc;
        this.plain = plain;
        this.states = states;
        this.rules = rules;
    }

    static final String TABLE = "profile";

    /** The states of those customers that have one, by customer. */
    Map<UUID, ProfileState> findAll(Tables tables, Collection<UUID> customerIds) {
        Map<UUID, ProfileState> found = new HashMap<>();
        if (customerIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT state FROM " + tables.of(TABLE) + " WHERE customer_id = ANY(:ids)")
                .param("ids", SqlArrays.uuids(customerIds))
                .query((row, n) -> states.read(row.getString(1)))
                .list().forEach(state -> found.put(state.customerId(), state));
        return found;
    }

    Optional<ProfileState> find(UUID customerId) {
        return jdbc.sql("SELECT state FROM profile WHERE customer_id = :id").param("id", customerId)
                .query((row, n) -> states.read(row.getString(1))).optional();
    }

    /** The orders a page can be read in, by the name the API gives them. */
    static final Map<String, String> SORTS = Map.of(
            "name", "lower(name)", "updatedAt", "updated_at", "registeredAt", "registered_at",
            "lastContactAt", "last_contact_at", "grade", "grade", "ownerId", "owner_id", "city", "lower(city)",
            "completeness", "completeness");

    /** Writes each state unless the table already holds that version or a later one; one JDBC batch. */
    void saveAll(Tables tables, Collection<ProfileState> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(changed.size());
        for (ProfileState state : changed) {
            rows.add(new Object[]{state.customerId(), state.version(), state.grade().name(), state.ownerId(),
                    state.tier().name(), state.nature().name(), state.status().name(), state.name(), state.city(),
                    timestamp(state.registeredAt()), timestamp(state.lastContactAt()), timestamp(state.updatedAt()),
                    state.referredBy(), timestamp(state.freshSince()),
                    state.nextFollowUpOn() == null ? null : java.sql.Date.valueOf(state.nextFollowUpOn()),
                    state.code(), state.admission().name(), timestamp(state.admissionSince()), state.proposals().size(),
                    state.mergedInto(), completeness.of(state.kind(), state.card()).score(), states.write(state)});
        }
        String table = tables.of(TABLE);
        plain.batchUpdate("INSERT INTO " + table + """
                 (customer_id, version, grade, owner_id, tier, nature, status, name, city, registered_at,
                  last_contact_at, updated_at, referred_by, fresh_at, next_follow_up_on, code, admission,
                  admission_since, pending_proposals, merged_into, completeness, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                ON CONFLICT (customer_id) DO UPDATE SET
                    version = EXCLUDED.version, grade = EXCLUDED.grade, owner_id = EXCLUDED.owner_id,
                    tier = EXCLUDED.tier, nature = EXCLUDED.nature, status = EXCLUDED.status,
                    name = EXCLUDED.name, city = EXCLUDED.city, last_contact_at = EXCLUDED.last_contact_at,
                    updated_at = EXCLUDED.updated_at, referred_by = EXCLUDED.referred_by, fresh_at = EXCLUDED.fresh_at,
                    next_follow_up_on = EXCLUDED.next_follow_up_on, code = EXCLUDED.code,
                    admission = EXCLUDED.admission, admission_since = EXCLUDED.admission_since,
                    pending_proposals = EXCLUDED.pending_proposals, merged_into = EXCLUDED.merged_into,
                    completeness = EXCLUDED.completeness, state = EXCLUDED.state
                WHERE\s""" + table + ".version < EXCLUDED.version", rows);
    }

    /** One page of profiles matching every given filter, and how many match in all. */
    Page search(ProfileFilter filter, int page, int size, String sortKey, boolean descending) {
        String orderBy = SORTS.get(sortKey) + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST");
        // a customer merged into another is that other one: the lists name it once
        StringBuilder where = new StringBuilder(" WHERE merged_into IS NULL");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.grade() != null) {
            where.append(" AND grade = :grade");
            params.put("grade", filter.grade().name());
        }
        if (filter.owners() != null) {
            where.append(" AND owner_id = ANY(CAST(:owner AS text[]))");
            params.put("owner", filter.owners());
        }
        if (filter.tier() != null) {
            where.append(" AND tier = :tier");
            params.put("tier", filter.tier().name());
        }
        if (filter.nature() != null) {
            where.append(" AND nature = :nature");
            params.put("nature", filter.nature().name());
        }
        if (filter.city() != null) {
            where.append(" AND lower(city) = lower(:city)");
            params.put("city", filter.city());
        }
        if (filter.code() != null) {
            where.append(" AND code = upper(:code)");
            params.put("code", filter.code().strip());
        }
        if (filter.admission() != null) {
            where.append(" AND admission = :admission");
            params.put("admission", filter.admission().name());
        }
        if (filter.completenessBelow() != null) {
            where.append(" AND completeness < :completenessBelow");
            params.put("completenessBelow", filter.completenessBelow());
        }
        if (filter.q() != null) {
            where.append(" AND lower(name) LIKE :q ESCAPE '\\'");
            params.put("q", "%" + filter.q().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " AND " : " AND NOT ").append(OVERDUE);
            params.putAll(rules.cadenceParameters());
        }
        if (filter.stale() != null) {
            where.append(filter.stale() ? " AND " : " AND NOT ").append("(fresh_at < :staleBefore)");
        }
        params.put("asOf", Timestamp.from(filter.asOf()));
        params.put("asOfDay", java.sql.Date.valueOf(zone.dayOf(filter.asOf())));
        params.put("staleBefore", Timestamp.from(filter.asOf().minus(Duration.ofDays(rules.staleAfterDays()))));

        long total = jdbc.sql("SELECT count(*) FROM profile" + where).params(params).query(Long.class).single();
        List<ProfileState> items = new ArrayList<>(jdbc.sql("SELECT state FROM profile" + where
                        + " ORDER BY " + orderBy + ", customer_id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query((row, n) -> states.read(row.getString(1))).list());
        return new Page(items, total);
    }

    /** Active, and the last contact (or the registration) lies further back than the grade's cadence. */
    /** Active, and past its grade's cadence since the last contact, or past the next follow-up date it agreed. */
    private static final String OVERDUE = "(status = 'ACTIVE' AND (COALESCE(last_contact_at, registered_at) "
            + "+ make_interval(days => " + ArchiveRules.CADENCE_DAYS_OF_GRADE + ") < :asOf "
            + "OR next_follow_up_on < CAST(:asOfDay AS date)))";

    record Page(List<ProfileState> items, long total) {
    }

    /** @param owners the owners whose customers are listed (null: every owner) */
    record ProfileFilter(Grade grade, String[] owners, CustomerTier tier, CustomerNature nature, String city, String q,
                         Boolean overdue, Boolean stale, Instant asOf, String code, AdmissionState admission,
                         Integer completenessBelow) {

        ProfileFilter(Grade grade, String[] owners, CustomerTier tier, CustomerNature nature, String city, String q,
                      Boolean overdue, Boolean stale, Instant asOf) {
            this(grade, owners, tier, nature, city, q, overdue, stale, asOf, null, null, null);
        }
    }

    /** The customer that has this code (codes are unique and never reused). */
    Optional<ProfileState> byCode(String code) {
        return jdbc.sql("SELECT state FROM profile WHERE code = upper(:code)").param("code", code.strip())
                .query((row, n) -> states.read(row.getString(1))).optional();
    }

    /**
     * The review queue: cards waiting for review or returned, and approved ones with proposals waiting, the longest
     * waiting first; only those of {@code owners} when given.
     */
    List<ProfileState> queue(String[] owners, int limit) {
        return jdbc.sql("SELECT state FROM profile WHERE (admission <> 'APPROVED' OR pending_proposals > 0)"
                        + (owners == null ? "" : " AND owner_id = ANY(CAST(:owner AS text[]))")
                        + " ORDER BY admission_since ASC NULLS FIRST, customer_id LIMIT :limit")
                .params(owners == null ? Map.of("limit", limit) : Map.of("limit", limit, "owner", owners))
                .query((row, n) -> states.read(row.getString(1))).list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
