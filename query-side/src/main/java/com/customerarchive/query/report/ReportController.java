package com.customerarchive.query.report;

import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Management reports: grade migration and rep activity")
class ReportController {

    private final ReportRepository reports;

    ReportController(ReportRepository reports) {
        this.reports = reports;
    }

    @GetMapping("/grade-migration")
    @Operation(summary = "How customers moved between grades", description = "matrix[g1][g2]: customers with grade "
            + "g1 at from and g2 at to (by occurredAt); entered[g]: customers registered in between, by grade at to. "
            + "from and to: instants or dates.")
    ReportRepository.Migration gradeMigration(@RequestParam Instant from, @RequestParam Instant to) {
        requireOrder(from, to);
        return reports.gradeMigration(from, to);
    }

    @GetMapping("/activity")
    @Operation(summary = "What happened to each rep's customers in a period", description = "Visits per owner and "
            + "method, complaints filed and resolved, grades moved up (towards A) and down; by occurredAt. from and "
            + "to: instants or dates.")
    ReportRepository.Activity activity(@RequestParam Instant from, @RequestParam Instant to,
                                       @RequestParam(required = false) String ownerId) {
        requireOrder(from, to);
        return reports.activity(from, to, ownerId);
    }

    private static void requireOrder(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("from", "must be before to");
        }
    }
}
