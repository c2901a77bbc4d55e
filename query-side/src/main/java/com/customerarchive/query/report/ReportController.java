package com.customerarchive.query.report;

import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Management reports: grade migration, rep activity, lifecycle and churn, value, "
        + "referrals, statistics and complaint analysis; every one also as text/csv (Accept: text/csv)")
class ReportController {

    private final Reports computed;
    private final ReportRepository reports;
    private final Clock clock;

    ReportController(Reports computed, ReportRepository reports, Clock clock) {
        this.computed = computed;
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/lifecycle")
    @Operation(summary = "Customers by lifecycle stage, and how many are at risk (生命周期, 流失预警)",
            description = "PROSPECT (no purchase), FIRST_PURCHASE, REPEAT, LOYAL (a purchase in each of the four "
                    + "calendar quarters before asOf's), LOST (archived after buying); judged at asOf (default now).")
    Reports.LifecycleReport lifecycle(@RequestParam(required = false) Instant asOf,
                                      @RequestParam(required = false) String ownerId) {
        return computed.lifecycle(asOf, ownerId);
    }

    @ReadsCustomers
    @GetMapping("/at-risk")
    @Operation(summary = "Buying customers at risk of leaving, longest without a purchase first (流失预警)",
            description = "At risk: a full year without a purchase, or overdue by twice the grade's cadence; reason "
                    + "says which.")
    List<Reports.AtRisk> atRisk(@RequestParam(required = false) String ownerId) {
        return computed.atRisk(ownerId);
    }

    @ReadsCustomers
    @GetMapping("/value")
    @Operation(summary = "Customers ranked by value (客户价值)", description = "value.score 0–100: purchase total, "
            + "purchases in the last year, tenure and referrals, each ranked against the whole archive and weighted "
            + "(archive.value.weights). Money is never added across currencies: totals lists the purchases per "
            + "currency (purchaseTotal only while they are in one); the score ranks value.scoredTotal, the totals "
            + "converted to archive.money.base-currency (CNY) with the rates named in value.rates "
            + "(archive.money.rates); an amount in a currency without a rate is left out of the score and named in "
            + "value.excludedCurrencies. Ties: the higher scoredTotal first. top: how many (default 100, at most "
            + "1000). As text/csv: one row per currency (column currency, each money list's amount in it).")
    List<Reports.Ranked> value(@RequestParam(required = false) String ownerId,
                               @RequestParam(defaultValue = "100") int top) {
        if (top < 1 || top > 1000) {
            throw new InvalidRequestException("top", "must be from 1 to 1000");
        }
        return computed.value(ownerId, top);
    }

    @ReadsCustomers
    @GetMapping("/referrals")
    @Operation(summary = "Referrers ranked by the customers they brought (转介绍)", description = "referred: customers "
            + "naming them as referrer; totals: what those customers bought, per currency (cancelled purchases left "
            + "out); referredPurchaseTotal: the same number while it is in one currency, left out when there are "
            + "several. Ranked by referred, then by ranked.total, the totals converted to archive.money.base-currency "
            + "with ranked.rates, ranked.excludedCurrencies (no rate) left out. from/to bound the referred "
            + "customers' registration; default all time. As text/csv: one row per currency.")
    List<Reports.Referral> referrals(@RequestParam(required = false) Instant from,
                                     @RequestParam(required = false) Instant to) {
        Instant until = to != null ? to : clock.instant();
        if (from != null) {
            requireOrder(from, until);
        }
        return computed.referrals(from, until);
    }

    @GetMapping("/statistics")
    @Operation(summary = "Customers and what happened to them, by a dimension (统计)", description = "by: source, "
            + "province, city, industry, grade, tier, nature, owner or lifecycle. customers: registered before to; "
            + "newCustomers, visits, purchases and complaints: within [from, to). totals: the purchases' amounts per "
            + "currency, never added across currencies (purchaseTotal, the former single number, only while every "
            + "amount is in one currency). As text/csv: one row per key and currency (columns currency and totals).")
    List<Reports.Statistics> statistics(@RequestParam Instant from, @RequestParam Instant to, @RequestParam String by) {
        requireOrder(from, to);
        if (!Reports.STATISTICS_DIMENSIONS.contains(by)) {
            throw new InvalidRequestException("by", "must be one of " + Reports.STATISTICS_DIMENSIONS);
        }
        return computed.statistics(from, to, by);
    }

    @GetMapping("/complaints")
    @Operation(summary = "Complaints analysed by a dimension (留档分析)", description = "by: category, severity, "
            + "responsibility or owner. filed and resolved within [from, to); breached: open past its target at to (one "
            + "resolved after to was open then), or resolved after it; median hours from filing to resolution and "
            + "average satisfaction of those resolved.")
    List<ReportRepository.ComplaintAnalysis> complaints(@RequestParam Instant from, @RequestParam Instant to,
                                                        @RequestParam String by) {
        requireOrder(from, to);
        if (!ReportRepository.COMPLAINT_DIMENSIONS.containsKey(by)) {
            throw new InvalidRequestException("by", "must be one of "
                    + new TreeSet<>(ReportRepository.COMPLAINT_DIMENSIONS.keySet()));
        }
        return reports.complaintAnalysis(by, from, to);
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
