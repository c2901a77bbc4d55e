package com.customerarchive.query.report;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reports a few at a time: the others wait their turn, then hear reports-busy; a permit comes back once only. */
class ReportGateTest {

    @Test
    void with_two_at_a_time_the_third_waits_its_turn_then_hears_busy_and_a_finished_report_lets_the_next_in()
            throws Exception {
        ReportGate gate = new ReportGate(2, Duration.ofMillis(300));
        MockHttpServletRequest first = new MockHttpServletRequest("GET", "/api/reports/statistics");
        MockHttpServletRequest second = new MockHttpServletRequest("GET", "/api/reports/lifecycle");
        MockHttpServletRequest third = new MockHttpServletRequest("GET", "/api/reports/value");
        var response = new MockHttpServletResponse();
        assertThat(gate.preHandle(first, response, null)).isTrue();
        assertThat(gate.preHandle(second, response, null)).isTrue();

        Instant asked = Instant.now();
        assertThatThrownBy(() -> gate.preHandle(third, response, null)).isInstanceOf(ReportGate.BusyException.class);
        // it waited for a turn before giving up
        assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // the refused one held nothing: finishing it gives nothing back
        gate.afterCompletion(third, response, null, null);
        assertThatThrownBy(() -> gate.preHandle(new MockHttpServletRequest(), response, null))
                .isInstanceOf(ReportGate.BusyException.class);

        gate.afterCompletion(first, response, null, null);
        // finishing twice (an error page after the report) gives back one permit, not two
        gate.afterCompletion(first, response, null, null);
        assertThat(gate.preHandle(third, response, null)).isTrue();
        assertThatThrownBy(() -> gate.preHandle(new MockHttpServletRequest(), response, null))
                .isInstanceOf(ReportGate.BusyException.class);
    }
}
