package com.customerarchive.command.web;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most so many writes work at once and queues the rest, first come first served. Each write holds a database
 * connection for its transaction; with more writes at once than the pool has connections, the late ones waited for a
 * connection in the pool, whose short wait (it finds a database gone within two seconds) answered them 503 although
 * the database was there and merely busy (32 concurrent registrations on two cores did). Queued here instead, a write
 * waits up to {@code archive.writes.queue-timeout} for its turn and only then hears 503 {@code busy}, nothing written.
 * Reads, and the background work (pool sweeps, handovers, snapshots), keep the connections the writes leave free.
 */
@Component
class WriteAdmissionFilter extends OncePerRequestFilter {

    /** Connections left to reads and background work when the number of writes at once is not configured. */
    static final int CONNECTIONS_SPARED = 4;
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Semaphore turns;
    private final long queueMillis;
    private final int permits;
    private final AtomicInteger waiting = new AtomicInteger();

    WriteAdmissionFilter(DataSource dataSource, MeterRegistry meters,
                         @Value("${archive.writes.concurrent:0}") int concurrent,
                         @Value("${archive.writes.queue-timeout:10s}") Duration queueTimeout) {
        int pool = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10;
        this.permits = concurrent > 0 ? concurrent : Math.max(1, pool - CONNECTIONS_SPARED);
        this.turns = new Semaphore(permits, true);
        this.queueMillis = queueTimeout.toMillis();
        Gauge.builder("archive.writes.waiting", waiting, AtomicInteger::get)
                .description("Writes queued for their turn (archive.writes.concurrent at once)").register(meters);
    }

    int permits() {
        return permits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        waiting.incrementAndGet();
        try {
            admitted = turns.tryAcquire(queueMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            admitted = false;
        } finally {
            waiting.decrementAndGet();
        }
        if (!admitted) {
            busy(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }

    private void busy(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"https://customer-archive.dev/problems/busy\",\"title\":\"Busy\","
                + "\"status\":503,\"detail\":\"Too many writes are waiting; nothing was written. Retry in a second.\"}");
    }
}
