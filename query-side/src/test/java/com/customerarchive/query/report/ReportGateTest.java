package com.customerarchive.query.report;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reports a few at a time: the others wait their turn, then hear reports-busy; a permit comes back once only. */
class ReportGateTest {

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void with_two_at_a_time_the_third_waits_its_turn_then_hears_busy_and_a_finished_report_lets_the_next_in()
            throws Exception {
        ReportGate gate = new ReportGate(2, Duration.ofMillis(300), 32);
        MockHttpServletRequest first = report();
        MockHttpServletRequest second = report();
        MockHttpServletRequest third = report();
        assertThat(gate.preHandle(first, response, null)).isTrue();
        assertThat(gate.preHandle(second, response, null)).isTrue();

        Instant asked = Instant.now();
        assertThatThrownBy(() -> gate.preHandle(third, response, null)).isInstanceOf(ReportGate.BusyException.class);
        // it waited for a turn before giving up
        assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // the refused one held nothing: finishing it gives nothing back
        gate.afterCompletion(third, response, null, null);
        assertThatThrownBy(() -> gate.preHandle(report(), response, null))
                .isInstanceOf(ReportGate.BusyException.class);

        gate.afterCompletion(first, response, null, null);
        // finishing twice (an error page after the report) gives back one permit, not two
        gate.afterCompletion(first, response, null, null);
        assertThat(gate.preHandle(third, response, null)).isTrue();
        assertThatThrownBy(() -> gate.preHandle(report(), response, null))
                .isInstanceOf(ReportGate.BusyException.class);
    }

    @Test
    void a_waiting_report_gets_in_as_soon_as_one_finishes_and_beyond_the_queue_a_report_hears_busy_at_once()
            throws Exception {
        ReportGate gate = new ReportGate(1, Duration.ofSeconds(20), 1);
        MockHttpServletRequest first = report();
        assertThat(gate.preHandle(first, response, null)).isTrue();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiting = pool.submit(() -> gate.preHandle(report(), response, null));
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            // the queue (one) is full: the next does not wait its 20 s
            Instant asked = Instant.now();
            assertThatThrownBy(() -> gate.preHandle(report(), response, null))
                    .isInstanceOf(ReportGate.BusyException.class);
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(2));

            gate.afterCompletion(first, response, null, null);
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static MockHttpServletRequest report() {
        return new MockHttpServletRequest("GET", "/api/reports/statistics");
    }
}
