package com.customerarchive.query.report;

import com.customerarchive.events.Grade;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.query.commercial.Commercial;
import com.customerarchive.query.commercial.Lifecycle;
import com.customerarchive.query.commercial.Value;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Management reports: grade migration, rep activity, lifecycle and churn, value, "
        + "referrals, statistics and complaint analysis; every one also as text/csv (Accept: text/csv)")
class ReportController {

    private final ReportRepository reports;
    private final Commercial commercial;
    private final Clock clock;

    ReportController(ReportRepository reports, Commercial commercial, Clock clock) {
        this.reports = reports;
        this.commercial = commercial;
        this.clock = clock;
    }

    record LifecycleReport(Instant asOf, Map<Lifecycle.Stage, Long> stages, long atRisk) {
    }

    @GetMapping("/lifecycle")
    @Operation(summary = "Customers by lifecycle stage, and how many are at risk (生命周期, 流失预警)",
            description = "PROSPECT (no purchase), FIRST_PURCHASE, REPEAT, LOYAL (a purchase in each of the four "
                    + "calendar quarters before asOf's), LOST (archived after buying); judged at asOf (default now).")
    LifecycleReport lifecycle(@RequestParam(required = false) Instant asOf, @RequestParam(required = false) String ownerId) {
        Instant at = asOf != null ? asOf : clock.instant();
        List<Commercial.Judged> judged = commercial.all(at, ownerId, asOf == null);
        Map<Lifecycle.Stage, Long> stages = new EnumMap<>(Lifecycle.Stage.class);
        for (Lifecycle.Stage stage : Lifecycle.Stage.values()) {
            stages.put(stage, 0L);
        }
        judged.forEach(one -> stages.merge(one.lifecycle().stage(), 1L, Long::sum));
        return new LifecycleReport(at, stages, judged.stream().filter(one -> one.lifecycle().atRisk()).count());
    }

    record AtRisk(UUID customerId, String name, String ownerId, Grade grade, Lifecycle.Stage stage, String reason,
                  LocalDate lastPurchaseOn, long daysSinceLastPurchase, Instant lastContactAt) {
    }

    @GetMapping("/at-risk")
    @Operation(summary = "Buying customers at risk of leaving, longest without a purchase first (流失预警)",
            description = "At risk: a full year without a purchase, or overdue by twice the grade's cadence; reason "
                    + "says which.")
    List<AtRisk> atRisk(@RequestParam(required = false) String ownerId) {
        Instant now = clock.instant();
        return commercial.all(now, ownerId, true).stream().filter(one -> one.lifecycle().atRisk())
                .map(one -> new AtRisk(one.figures().customerId(), one.figures().name(), one.figures().ownerId(),
                        one.figures().grade(), one.lifecycle().stage(), one.lifecycle().reason(),
                        day(one.figures().lastPurchaseAt()),
                        Duration.between(one.figures().lastPurchaseAt(), now).toDays(), one.figures().lastContactAt()))
                .sorted(Comparator.comparingLong(AtRisk::daysSinceLastPurchase).reversed()
                        .thenComparing(AtRisk::customerId))
                .toList();
    }

    record Ranked(int rank, UUID customerId, String name, String ownerId, Grade grade, Lifecycle.Stage stage,
                  Value value, int purchases, BigDecimal purchaseTotal) {
    }

    @GetMapping("/value")
    @Operation(summary = "Customers ranked by value (客户价值)", description = "value.score 0–100: purchase total, "
            + "purchases in the last year, tenure and referrals, each ranked against the whole archive and weighted "
            + "(archive.value.weights). top: how many (default 100, at most 1000).")
    List<Ranked> value(@RequestParam(required = false) String ownerId, @RequestParam(defaultValue = "100") int top) {
        if (top < 1 || top > 1000) {
            throw new InvalidRequestException("top", "must be from 1 to 1000");
        }
        List<Commercial.Judged> ranked = commercial.all(clock.instant(), ownerId, true).stream()
                .sorted(Comparator.comparingInt((Commercial.Judged one) -> one.value().score()).reversed()
                        .thenComparing(one -> one.figures().total(), Comparator.reverseOrder())
                        .thenComparing(one -> one.figures().customerId()))
                .limit(top).toList();
        List<Ranked> answer = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Commercial.Judged one = ranked.get(i);
            answer.add(new Ranked(i + 1, one.figures().customerId(), one.figures().name(), one.figures().ownerId(),
                    one.figures().grade(), one.lifecycle().stage(), one.value(), one.figures().purchases(),
                    one.figures().total()));
        }
        return answer;
    }

    record Referrer(UUID customerId, String name, long referred, BigDecimal referredPurchaseTotal) {
    }

    @GetMapping("/referrals")
    @Operation(summary = "Referrers ranked by the customers they brought (转介绍)", description = "referred: customers "
            + "naming them as referrer; referredPurchaseTotal: what those customers bought (cancelled purchases left "
            + "out). from/to bound the referred customers' registration; default all time.")
    List<Referrer> referrals(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        Instant until = to != null ? to : clock.instant();
        if (from != null) {
            requireOrder(from, until);
        }
        return reports.referrers(from, until);
    }

    record Statistics(String key, long customers, long newCustomers, long visits, long purchases,
                      BigDecimal purchaseTotal, long complaints) {
    }

    @GetMapping("/statistics")
    @Operation(summary = "Customers and what happened to them, by a dimension (统计)", description = "by: source, "
            + "province, city, industry, grade, tier, nature, owner or lifecycle. customers: registered before to; "
            + "newCustomers, visits, purchases (and their total) and complaints: within [from, to).")
    List<Statistics> statistics(@RequestParam Instant from, @RequestParam Instant to, @RequestParam String by) {
        requireOrder(from, to);
        if (!ReportRepository.DIMENSIONS.containsKey(by) && !by.equals("lifecycle")) {
            throw new InvalidRequestException("by", "must be one of " + new TreeSet<>(ReportRepository.DIMENSIONS.keySet())
                    + " or lifecycle");
        }
        List<ReportRepository.CustomerCounts> counts = reports.customerCounts(by.equals("lifecycle") ? null : by, from, to);
        Map<UUID, String> stages = new HashMap<>();
        if (by.equals("lifecycle")) {
            commercial.all(to, null, false).forEach(one -> stages.put(one.figures().customerId(),
                    one.lifecycle().stage().name()));
        }
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (ReportRepository.CustomerCounts one : counts) {
            String key = by.equals("lifecycle") ? stages.getOrDefault(one.customerId(), "PROSPECT")
                    : one.key() == null ? "(none)" : one.key();
            long[] sum = sums.computeIfAbsent(key, k -> new long[5]);
            sum[0]++;
            sum[1] += one.newCustomer() ? 1 : 0;
            sum[2] += one.visits();
            sum[3] += one.purchases();
            sum[4] += one.complaints();
            totals.merge(key, one.purchaseTotal(), BigDecimal::add);
        }
        return sums.entrySet().stream().map(entry -> new Statistics(entry.getKey(), entry.getValue()[0],
                        entry.getValue()[1], entry.getValue()[2], entry.getValue()[3],
                        totals.get(entry.getKey()).setScale(2, java.math.RoundingMode.UNNECESSARY), entry.getValue()[4]))
                .sorted(Comparator.comparingLong(Statistics::customers).reversed().thenComparing(Statistics::key))
                .toList();
    }

    @GetMapping("/complaints")
    @Operation(summary = "Complaints analysed by a dimension (留档分析)", description = "by: category, severity, "
            + "responsibility or owner. filed and resolved within [from, to); breached: open past its target at to, or "
            + "resolved after it; median hours from filing to resolution and average satisfaction of those resolved.")
    List<ReportRepository.ComplaintAnalysis> complaints(@RequestParam Instant from, @RequestParam Instant to,
                                                        @RequestParam String by) {
        requireOrder(from, to);
        if (!ReportRepository.COMPLAINT_DIMENSIONS.containsKey(by)) {
            throw new InvalidRequestException("by", "must be one of "
                    + new TreeSet<>(ReportRepository.COMPLAINT_DIMENSIONS.keySet()));
        }
        return reports.complaintAnalysis(by, from, to);
    }

    private static LocalDate day(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC).toLocalDate();
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
