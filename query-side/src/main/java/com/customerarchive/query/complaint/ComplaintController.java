package com.customerarchive.query.complaint;

import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.ComplaintStatus;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/complaints")
@Tag(name = "complaints", description = "Complaints with their age, resolution target and breach (客户抱怨)")
class ComplaintController {

    private final ComplaintRepository complaints;
    private final Clock clock;

    private final CustomerScope scope;

    ComplaintController(ComplaintRepository complaints, Clock clock, CustomerScope scope) {
        this.complaints = complaints;
        this.clock = clock;
        this.scope = scope;
    }

    @ReadsCustomers
    @GetMapping
    @Operation(summary = "Complaints, most urgent first", description = "ageHours counts from filing (or the last "
            + "reopening) to the resolution, or to asOf (default now) while open; breached: open past its target.")
    List<ComplaintRepository.ComplaintView> complaints(@RequestParam(required = false) ComplaintStatus status,
                                                       @RequestParam(required = false) ComplaintSeverity severity,
                                                       @RequestParam(required = false) Boolean breached,
                                                       @RequestParam(required = false) String ownerId,
                                                       @RequestParam(required = false) UUID customerId,
                                                       @RequestParam(required = false) Instant asOf) {
        if (customerId != null) {
            scope.check(customerId);
        }
        return complaints.mostUrgentFirst(new ComplaintRepository.ComplaintFilter(status, severity, breached,
                scope.owners(ownerId), customerId, asOf != null ? asOf : clock.instant()));
    }
}
