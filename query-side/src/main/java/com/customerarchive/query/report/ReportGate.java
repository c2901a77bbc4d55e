package com.customerarchive.query.report;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reports are worked out a few at a time ({@code archive.reports.concurrency}, as many as the machine has cores by
 * default): each walks every customer's timeline and keeps what lies behind its figures, so a burst of them (a
 * dashboard and a reports page opened together, each asking for several) would otherwise share the cores to no one's
 * gain and the heap until it runs out, taking the projections' pass with it. The others wait their turn, at most
 * {@code archive.reports.queue-wait} (60 s), then hear 503 {@code reports-busy} with Retry-After; beyond
 * {@code archive.reports.queue} (32) waiting, a report hears it at once, so that waiting reports never hold the
 * threads the rest of the API answers on. A frozen copy's reading (the snapshots' GETs) works nothing out: not gated.
 */
@Configuration
class ReportGate implements WebMvcConfigurer, HandlerInterceptor {

    /** Set on a request that holds a permit, so that only it gives one back. */
    private static final String HELD = ReportGate.class.getName() + ".held";

    private final Semaphore permits;
    private final Duration wait;
    private final int queue;

    ReportGate(@Value("${archive.reports.concurrency:0}") int concurrency,
               @Value("${archive.reports.queue-wait:60s}") Duration wait,
               @Value("${archive.reports.queue:32}") int queue) {
        this.permits = new Semaphore(concurrency > 0 ? concurrency
                : Math.max(1, Runtime.getRuntime().availableProcessors()), true);
        this.wait = wait;
        this.queue = queue;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/reports/**")
                .excludePathPatterns("/api/reports/snapshots/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        boolean now = permits.tryAcquire(0, TimeUnit.MILLISECONDS);
        if (!now && (permits.getQueueLength() >= queue
                || !permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS))) {
            throw new BusyException();
        }
        request.setAttribute(HELD, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (request.getAttribute(HELD) != null) {
            request.removeAttribute(HELD);
            permits.release();
        }
    }

    /** Reports waiting longer than the queue allows. */
    static final class BusyException extends RuntimeException {
        BusyException() {
            super("Other reports are being worked out; retry in a few seconds.");
        }
    }

    /** 503 reports-busy with Retry-After. */
    @org.springframework.web.bind.annotation.RestControllerAdvice
    @org.springframework.core.annotation.Order(0)
    static class Busy {

        @org.springframework.web.bind.annotation.ExceptionHandler(BusyException.class)
        org.springframework.http.ResponseEntity<Object> busy(BusyException ex) {
            return com.customerarchive.platform.web.ProblemResponses.unavailable("reports-busy", "Reports busy",
                    ex.getMessage(), 5);
        }
    }
}
