package com.customerarchive.query.commercial;

import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.rules.ArchiveRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** LOYAL "since" is the day the customer became loyal, never a day before its first purchase. */
class LifecycleTest {

    private static final BusinessZone BEIJING = new BusinessZone(ZoneId.of("Asia/Shanghai"));
    private static final ArchiveRules RULES = new ArchiveRules(null, 365, null);

    @Test
    void a_customer_buying_every_quarter_of_2025_is_loyal_since_the_first_day_of_2026() {
        // first purchase 2025-02-15 (2025 Q1), one in each quarter of 2025, judged on 2026-03-10 (2026 Q1)
        Figures figures = figures(Instant.parse("2025-02-15T02:00:00Z"), LocalDate.parse("2025-01-01"));

        Lifecycle judged = Lifecycle.of(figures, RULES, Instant.parse("2026-03-10T04:00:00Z"), BEIJING);

        assertThat(judged.stage()).isEqualTo(Lifecycle.Stage.LOYAL);
        // 2026-01-01 00:00 in Beijing
        assertThat(judged.since()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
        assertThat(judged.since()).isAfter(figures.firstPurchaseAt());
    }

    @Test
    void a_longer_run_makes_the_customer_loyal_a_year_after_the_run_began() {
        // buying every quarter since 2024 Q3 (first purchase 2024-08-20), judged on 2026-03-10: loyal since 2025 Q3
        Figures figures = figures(Instant.parse("2024-08-20T02:00:00Z"), LocalDate.parse("2024-07-01"));

        Lifecycle judged = Lifecycle.of(figures, RULES, Instant.parse("2026-03-10T04:00:00Z"), BEIJING);

        assertThat(judged.stage()).isEqualTo(Lifecycle.Stage.LOYAL);
        // 2025-07-01 00:00 in Beijing
        assertThat(judged.since()).isEqualTo(Instant.parse("2025-06-30T16:00:00Z"));
    }

    private static Figures figures(Instant firstPurchase, LocalDate buyingSince) {
        Instant last = Instant.parse("2026-01-20T02:00:00Z");
        return new Figures(UUID.fromString("00000000-0000-0000-0000-00000000100a"), "Loyal Tea", "rep-li", Grade.B,
                CustomerStatus.ACTIVE, null, Instant.parse("2024-06-01T02:00:00Z"), last, null, 6, List.of(),
                firstPurchase, firstPurchase.plusSeconds(90L * 86400), last, 5, 4, buyingSince, 0, List.of());
    }
}
