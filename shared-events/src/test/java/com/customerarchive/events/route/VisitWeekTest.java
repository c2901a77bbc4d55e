package com.customerarchive.events.route;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** ISO weeks and the four-week visit cycle, against a calendar: 2026 has 53 ISO weeks (1 January is a Thursday). */
class VisitWeekTest {

    @Test
    void a_week_is_monday_to_sunday_and_its_cycle_week_follows_the_iso_number() {
        VisitWeek w49 = VisitWeek.parse("2026-W49").orElseThrow();
        assertThat(w49.monday()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(w49.sunday()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(w49.cycleWeek()).isEqualTo(1);
        assertThat(VisitWeek.parse("2026-W44").orElseThrow().monday()).isEqualTo(LocalDate.of(2026, 10, 26));
        assertThat(VisitWeek.parse("2026-W44").orElseThrow().cycleWeek()).isEqualTo(4);
        assertThat(VisitWeek.parse("2026-W01").orElseThrow().monday()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(VisitWeek.parse("2026-W53").orElseThrow().monday()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(VisitWeek.of(LocalDate.of(2027, 1, 3))).hasToString("2026-W53");
        assertThat(VisitWeek.of(LocalDate.of(2026, 11, 1))).hasToString("2026-W44");
    }

    /** The cycle runs on across a year's end: W52 → 4, W53 → 1, 2027-W01 → 2; and before its start, 2025-W52 → 4. */
    @Test
    void the_cycle_runs_on_across_a_year_of_53_weeks() {
        assertThat(VisitWeek.parse("2026-W52").orElseThrow().cycleWeek()).isEqualTo(4);
        assertThat(VisitWeek.parse("2026-W53").orElseThrow().cycleWeek()).isEqualTo(1);
        assertThat(VisitWeek.parse("2027-W01").orElseThrow().cycleWeek()).isEqualTo(2);
        assertThat(VisitWeek.parse("2027-W02").orElseThrow().cycleWeek()).isEqualTo(3);
        assertThat(VisitWeek.parse("2025-W52").orElseThrow().cycleWeek()).isEqualTo(4);
        assertThat(VisitWeek.parse("2025-W49").orElseThrow().cycleWeek()).isEqualTo(1);
    }

    @Test
    void what_is_no_iso_week_is_empty() {
        assertThat(VisitWeek.parse("2025-W53")).isEmpty();
        assertThat(VisitWeek.parse("2026-W00")).isEmpty();
        assertThat(VisitWeek.parse("2026-49")).isEmpty();
        assertThat(VisitWeek.parse("2026-W4")).isEmpty();
        assertThat(VisitWeek.parse(null)).isEmpty();
    }
}
