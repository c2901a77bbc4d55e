package com.customerarchive.query.followup;

import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.events.Grade;
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

@RestController
@RequestMapping("/api/follow-ups")
@Tag(name = "follow-ups", description = "Who is due for contact by the cadence of their grade (客户追踪志)")
class FollowUpController {

    private final FollowUpRepository followUps;
    private final Clock clock;

    private final CustomerScope scope;

    FollowUpController(FollowUpRepository followUps, Clock clock, CustomerScope scope) {
        this.followUps = followUps;
        this.clock = clock;
        this.scope = scope;
    }

    @ReadsCustomers
    @GetMapping("/overdue")
    @Operation(summary = "Active customers whose last contact (or registration) is further back than their "
            + "grade's cadence, most overdue first", description = "asOf: the instant or date to judge at (default now).")
    List<FollowUpRepository.Overdue> overdue(@RequestParam(required = false) String ownerId,
                                             @RequestParam(required = false) Grade grade,
                                             @RequestParam(required = false) Instant asOf) {
        return followUps.overdueFor(scope.owners(ownerId), grade, asOf != null ? asOf : clock.instant());
    }
}
