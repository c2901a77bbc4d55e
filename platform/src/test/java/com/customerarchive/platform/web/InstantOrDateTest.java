package com.customerarchive.platform.web;

import com.customerarchive.platform.time.BusinessZone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantOrDateTest {

    private final InstantOrDate convert = new InstantOrDate(new BusinessZone(ZoneId.of("Asia/Shanghai")));

    @Test
    void a_date_means_its_start_in_the_business_zone_and_an_instant_itself() {
        assertThat(convert.convert("2026-03-01")).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(convert.convert("2026-03-01T08:30:00Z")).isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
        assertThat(convert.convert(" 2026-04-01 ")).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
    }

    @Test
    void anything_else_is_refused_with_what_is_expected() {
        assertThatThrownBy(() -> convert.convert("2026-02-30")).hasMessage(InstantOrDate.EXPECTED);
        assertThatThrownBy(() -> convert.convert("last monday")).hasMessage(InstantOrDate.EXPECTED);
        assertThatThrownBy(() -> convert.convert("2026-03-01T08:30")).hasMessage(InstantOrDate.EXPECTED);
    }
}
