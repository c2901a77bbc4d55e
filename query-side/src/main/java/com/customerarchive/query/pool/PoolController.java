package com.customerarchive.query.pool;

import com.customerarchive.events.Grade;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Pool;
import com.customerarchive.events.org.PoolRules;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.core.OrgCharts;
import com.customerarchive.query.privacy.Redaction;
import com.customerarchive.query.profile.PoolBooks;
import com.customerarchive.query.profile.ProfileState;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The public pools (公海) and what waits in them, as each user may see them. */
@RestController
@Validated
@Tag(name = "public pool", description = "Pools, their rules and the customers waiting in them")
class PoolController {

    private final OrgCharts charts;
    private final PoolBooks books;
    private final CustomerScope scope;
    private final Clock clock;

    PoolController(OrgCharts charts, PoolBooks books, CustomerScope scope, Clock clock) {
        this.charts = charts;
        this.books = books;
        this.scope = scope;
        this.clock = clock;
    }

    /** A pool as a user sees it: its units, its rules, how many customers wait, whether the user claims from it. */
    record PoolSummary(String poolId, String name, List<String> unitCodes, PoolRules rules, long waiting,
                       boolean member) {
    }

    /**
     * A customer waiting in the pool: a member who does not manage the pool's units reads its name masked
     * (张**) and nothing else personal until it claims the customer.
     */
    record Waiting(UUID customerId, String code, String name, Grade grade, Instant returnedAt, String returnedFrom,
                   String reason, long daysInPool, boolean masked) {
    }

    record WaitingPage(String poolId, List<Waiting> customers, int page, int size, long total) {
    }

    @GetMapping("/api/pools")
    @Operation(summary = "The public pools the user sees: those of its units (and, for a lead or manager, below it)",
            description = "Each with its units, its rules (days per grade, exemptions, warning days, caps), how many "
                    + "customers wait in it, and whether the user is a member (claims from it).")
    List<PoolSummary> pools() {
        OrgChart chart = charts.chart();
        List<PoolSummary> seen = new ArrayList<>();
        for (Pool pool : chart.pools()) {
            CustomerScope.PoolView view = scope.poolView(pool.poolId());
            if (view.sees()) {
                seen.add(new PoolSummary(pool.poolId(), pool.name(), pool.unitCodes(), pool.rules(),
                        books.count(pool.poolId()), chart.inPool(scope.userName(), pool)));
            }
        }
        return seen;
    }

    @ReadsCustomers
    @GetMapping("/api/pools/{poolId}/customers")
    @Operation(summary = "The customers waiting in a pool, the latest return first",
            description = "Members of the pool's units see them with the name masked and every other personal field "
                    + "left out until claimed; a lead or manager over the pool's units, and a company-wide scope, "
                    + "see the names. 403 out-of-scope for anyone else, 404 pool-not-found.")
    WaitingPage customers(@PathVariable String poolId, @RequestParam(required = false) Grade grade,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        if (charts.chart().pool(poolId).isEmpty()) {
            throw new NotFoundException("pool-not-found", "Pool not found", "No public pool has the id " + poolId + ".");
        }
        CustomerScope.PoolView view = scope.poolView(poolId);
        if (!view.sees()) {
            throw com.customerarchive.platform.web.ForbiddenException.outOfScope(scope.userName());
        }
        PoolBooks.InPool found = books.inPool(poolId, grade == null ? null : grade.name(), page, size);
        Instant now = clock.instant();
        List<Waiting> waiting = found.customers().stream().map(state -> waiting(state, !view.inFull(), now)).toList();
        return new WaitingPage(poolId, waiting, page, size, found.total());
    }

    private static Waiting waiting(ProfileState state, boolean masked, Instant now) {
        Instant returnedAt = state.pool().returnedAt();
        long days = returnedAt == null ? 0 : Duration.between(returnedAt, now).toDays();
        return new Waiting(state.customerId(), state.code(), masked ? Redaction.masked(state.name()) : state.name(),
                state.grade(), returnedAt, state.pool().returnedFrom(), state.pool().returnReason(), days, masked);
    }
}
