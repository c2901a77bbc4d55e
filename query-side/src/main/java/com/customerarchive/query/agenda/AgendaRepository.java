package com.customerarchive.query.agenda;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.core.OwnerRepository;
import com.customerarchive.query.rules.ArchiveRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a rep's agenda is made of: due dates of contact, greetings' dates, return visits waiting. */
@Repository
class AgendaRepository {

    /** The day contact is due: the next follow-up the last contact agreed, else the grade's cadence after it. */
    private static final String DUE = """
            SELECT customer_id, name, grade,
                   COALESCE(next_follow_up_on,
                            CAST((COALESCE(last_contact_at, registered_at) AT TIME ZONE :zone) AS date) + {cadence})
                       AS due_on
            FROM follow_up LEFT JOIN {owners} owners USING (customer_id)
            WHERE status = 'ACTIVE' AND (CAST(:owner AS text[]) IS NULL OR owner_id = ANY(CAST(:owner AS text[])))
            """.replace("{cadence}", ArchiveRules.CADENCE_DAYS_OF_GRADE)
            .replace("{owners}", OwnerRepository.CURRENT_OWNERS);

    private final JdbcClient jdbc;
    private final ArchiveRules rules;
    private final BusinessZone zone;

    AgendaRepository(JdbcClient jdbc, ArchiveRules rules, BusinessZone zone) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.zone = zone;
    }

    record Due(UUID customerId, String name, String grade, LocalDate dueOn) {
    }

    record Dates(UUID customerId, String name, String birthday, String foundedOn) {
    }

    record ReturnVisit(UUID customerId, String name, UUID complaintId, String category, LocalDate resolvedOn) {
    }

    /** Every active customer (of the owner, when given) with the day its next contact is due. */
    List<Due> dueContacts(String[] owners) {
        return jdbc.sql(DUE).params(rules.cadenceParameters()).param("owner", owners).param("zone", zone.zone().getId())
                .query((row, n) -> new Due(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getString("grade"), row.getDate("due_on").toLocalDate()))
                .list();
    }

    /** Birthdays and founding days on the cards of active customers (an erased one has none). */
    List<Dates> greetingDates(String[] owners) {
        return jdbc.sql("""
                        SELECT customer_id, name, state #>> '{card,basic,birthday}' AS birthday,
                               state #>> '{card,basic,foundedOn}' AS founded_on
                        FROM profile
                        WHERE status = 'ACTIVE' AND merged_into IS NULL
                          AND (CAST(:owner AS text[]) IS NULL OR owner_id = ANY(CAST(:owner AS text[])))
                          AND (state #>> '{card,basic,birthday}' IS NOT NULL OR state #>> '{card,basic,foundedOn}' IS NOT NULL)""")
                .param("owner", owners)
                .query((row, n) -> new Dates(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getString("birthday"), row.getString("founded_on")))
                .list();
    }

    /** Complaints resolved and waiting for their return visit. */
    List<ReturnVisit> returnVisitsWaiting(String[] owners) {
        return jdbc.sql("""
                        SELECT c.customer_id, f.name, c.complaint_id, c.category,
                               CAST((c.resolved_at AT TIME ZONE :zone) AS date) AS resolved_on
                        FROM complaint c JOIN follow_up f ON f.customer_id = c.customer_id
                        LEFT JOIN {owners} owners ON owners.customer_id = c.customer_id
                        WHERE c.status = 'RESOLVED' AND (CAST(:owner AS text[]) IS NULL OR owners.owner_id = ANY(CAST(:owner AS text[])))"""
                        .replace("{owners}", OwnerRepository.CURRENT_OWNERS))
                .param("owner", owners).param("zone", zone.zone().getId())
                .query((row, n) -> new ReturnVisit(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getObject("complaint_id", UUID.class), row.getString("category"),
                        row.getDate("resolved_on").toLocalDate()))
                .list();
    }

    record Expiring(UUID customerId, String name, String cardNumber, String tier, LocalDate validUntil) {
    }

    /** Live membership cards ending from {@code first} to {@code last}. */
    List<Expiring> cardsExpiring(String[] owners, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        SELECT c.customer_id, p.name, c.card_number, c.tier, c.valid_until
                        FROM membership_card c JOIN profile p ON p.customer_id = c.customer_id
                        WHERE c.status = 'LIVE' AND c.valid_until BETWEEN :first AND :last
                          AND (CAST(:owner AS text[]) IS NULL OR p.owner_id = ANY(CAST(:owner AS text[])))""")
                .param("first", java.sql.Date.valueOf(first)).param("last", java.sql.Date.valueOf(last))
                .param("owner", owners)
                .query((row, n) -> new Expiring(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getString("card_number"), row.getString("tier"), row.getDate("valid_until").toLocalDate()))
                .list();
    }

    /** A card its owner should complete (档案不完整): its score and the card as it stands. */
    record Incomplete(UUID customerId, String name, int completeness, com.customerarchive.events.CustomerKind kind,
                      com.customerarchive.events.ProfileCard card) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper CARD = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The live customers of these owners whose cards score below {@code below}, the least complete first. */
    List<Incomplete> incompleteCards(String[] owners, int below, int limit) {
        return jdbc.sql("""
                        SELECT customer_id, name, completeness, state->>'kind' AS kind, state->'card' AS card
                        FROM profile
                        WHERE completeness < :below AND status = 'ACTIVE' AND merged_into IS NULL
                          AND (CAST(:owner AS text[]) IS NULL OR owner_id = ANY(CAST(:owner AS text[])))
                        ORDER BY completeness, customer_id LIMIT :limit""")
                .param("below", below).param("owner", owners).param("limit", limit)
                .query((row, n) -> new Incomplete(row.getObject("customer_id", UUID.class), row.getString("name"),
                        row.getInt("completeness"), row.getString("kind") == null ? null
                        : com.customerarchive.events.CustomerKind.valueOf(row.getString("kind")), card(row.getString("card"))))
                .list();
    }

    private static com.customerarchive.events.ProfileCard card(String json) {
        try {
            return json == null ? null : CARD.readValue(json, com.customerarchive.events.ProfileCard.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new IllegalStateException("a profile's card is not readable", unreadable);
        }
    }
}
