package com.customerarchive.query.history;

import com.customerarchive.query.audit.AccessLog;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.Exports;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import com.customerarchive.query.web.CustomerScope;
import com.customerarchive.query.web.Freshness;
import com.customerarchive.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/profiles/{customerId}")
@Tag(name = "history", description = "A customer's dynamic record: every event, every field change, every grade")
class HistoryController {

    private final HistoryRepository history;
    private final Freshness freshness;
    private final AccessLog accessLog;
    private final CustomerScope scope;

    HistoryController(HistoryRepository history, Freshness freshness, AccessLog accessLog, CustomerScope scope) {
        this.history = history;
        this.freshness = freshness;
        this.accessLog = accessLog;
        this.scope = scope;
    }

    @GetMapping("/visits")
    @Operation(summary = "The customer's visits and calls, numbered (拜访记录)", description = "When, how, with whom "
            + "(the contact's name reads \"[erased]\" after an erasure), the grade at that moment, notes, conclusion "
            + "and the next follow-up agreed.")
    List<HistoryRepository.Visit> visits(@PathVariable UUID customerId) {
        CustomerScope.Visibility visibility = scope.check(customerId);
        requireKnown(customerId);
        List<HistoryRepository.Visit> visits = history.visits(customerId, visibility.marker());
        accessLog.record(customerId, AccessLog.View.VISITS);
        return visits;
    }

    record HistoryPage(UUID customerId, List<HistoryRepository.HistoryEntry> events, int page, int size, long total) {
    }

    @GetMapping("/history")
    @Operation(summary = "Every event of the customer in sequence order", description = "Who (actor), when "
            + "(occurredAt in the business, recordedAt in the store), which request (correlationId), the event's "
            + "data and the profile fields it changed. page from 0, size 1–1000 (default 100). As text/csv (the "
            + "export) every event, page and size ignored: data flattened to dotted columns, changes joined.")
    HistoryPage history(@PathVariable UUID customerId, @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "100") int size, @RequestParam(required = false) Long minVersion,
                        HttpServletRequest request) {
        CustomerScope.Visibility visibility = scope.check(customerId);
        if (Exports.asked(request.getHeader(HttpHeaders.ACCEPT))) {
            page = 0;
            size = Integer.MAX_VALUE;
        }
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > 1000 && size != Integer.MAX_VALUE) {
            throw new InvalidRequestException("size", "must be from 1 to 1000");
        }
        freshness.await(customerId, minVersion);
        long total = history.eventCount(customerId);
        if (total == 0) {
            throw NotFoundException.customer(customerId);
        }
        HistoryPage answer = new HistoryPage(customerId, history.events(customerId, page, size, visibility.marker()), page, size, total);
        accessLog.record(customerId, AccessLog.View.HISTORY);
        return answer;
    }

    @GetMapping("/changes")
    @Operation(summary = "The timeline of field changes", description = "field: a path such as basic.email, or a "
            + "section such as basic.address for all its fields; grade, ownerId and status too. from/to bound occurredAt.")
    List<HistoryRepository.FieldChangeEntry> changes(@PathVariable UUID customerId,
            @RequestParam(required = false) String field, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) Long minVersion) {
        CustomerScope.Visibility visibility = scope.check(customerId);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        if (field != null && (field.isBlank() || field.length() > 200)) {
            throw new InvalidRequestException("field", "must be a field path of up to 200 characters");
        }
        freshness.await(customerId, minVersion);
        requireKnown(customerId);
        var changes = history.changes(customerId, field, from, to, visibility.marker());
        accessLog.record(customerId, AccessLog.View.CHANGES);
        return changes;
    }

    @GetMapping("/grades")
    @Operation(summary = "The grade timeline", description = "The registration's grade, then every change with "
            + "its reason, and the days the customer spent in the previous grade.")
    List<HistoryRepository.GradeEntry> grades(@PathVariable UUID customerId,
                                              @RequestParam(required = false) Long minVersion) {
        scope.check(customerId);
        freshness.await(customerId, minVersion);
        var grades = history.grades(customerId);
        if (grades.isEmpty()) {
            throw NotFoundException.customer(customerId);
        }
        return grades;
    }

    private void requireKnown(UUID customerId) {
        if (history.eventCount(customerId) == 0) {
            throw NotFoundException.customer(customerId);
        }
    }
}
