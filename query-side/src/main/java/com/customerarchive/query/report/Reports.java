package com.customerarchive.query.report;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.events.Grade;
import com.customerarchive.query.commercial.Commercial;
import com.customerarchive.query.commercial.Lifecycle;
import com.customerarchive.query.commercial.Value;
import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Money;
import com.customerarchive.query.money.Totals;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The reports whose figures are judged at query time: lifecycle, churn warning and value (from {@link Commercial}),
 * and the statistics that group the read models' counts of each customer by a dimension.
 */
@Component
class Reports {

    private static final String LIFECYCLE = "lifecycle";

    /** What statistics group customers by, in order: a column of {@link ReportRepository#DIMENSIONS}, or the lifecycle stage. */
    static final Set<String> STATISTICS_DIMENSIONS = dimensions();

    private final ReportRepository reports;
    private final Commercial commercial;
    private final Money money;
    private final Clock clock;
    private final BusinessZone zone;

    Reports(ReportRepository reports, Commercial commercial, Money money, Clock clock, BusinessZone zone) {
        this.zone = zone;
        this.reports = reports;
        this.commercial = commercial;
        this.money = money;
        this.clock = clock;
    }

    private static Set<String> dimensions() {
        Set<String> dimensions = new TreeSet<>(ReportRepository.DIMENSIONS.keySet());
        dimensions.add(LIFECYCLE);
        return Collections.unmodifiableSet(dimensions);
    }

    record LifecycleReport(Instant asOf, Map<Lifecycle.Stage, Long> stages, long atRisk) {
    }

    /** Customers (of one owner, when given) by lifecycle stage at {@code asOf} (null: now), and how many are at risk. */
    LifecycleReport lifecycle(Instant asOf, String ownerId) {
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

    /** The buying customers at risk now, longest without a purchase first. */
    List<AtRisk> atRisk(String ownerId) {
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

    private LocalDate day(Instant at) {
        return at == null ? null : zone.dayOf(at);
    }

    /** A customer ranked by value; its purchases per currency, {@code purchaseTotal} only while they are in one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ranked(int rank, UUID customerId, String name, String ownerId, Grade grade, Lifecycle.Stage stage,
                  Value value, int purchases, List<Amount> totals, BigDecimal purchaseTotal) {
    }

    /** The {@code top} customers by value now: score, then purchase total in the base currency, then id. */
    List<Ranked> value(String ownerId, int top) {
        List<Commercial.Judged> ranked = commercial.all(clock.instant(), ownerId, true).stream()
                .sorted(Comparator.comparingInt((Commercial.Judged one) -> one.value().score()).reversed()
                        .thenComparing(Commercial.Judged::scoredTotal, Comparator.reverseOrder())
                        .thenComparing(one -> one.figures().customerId()))
                .limit(top).toList();
        List<Ranked> answer = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Commercial.Judged one = ranked.get(i);
            answer.add(new Ranked(i + 1, one.figures().customerId(), one.figures().name(), one.figures().ownerId(),
                    one.figures().grade(), one.lifecycle().stage(), one.value(), one.figures().purchases(),
                    one.figures().totals(), Totals.single(one.figures().totals())));
        }
        return answer;
    }

    /**
     * A referrer with what its customers bought per currency ({@code referredPurchaseTotal} only while that is one
     * currency) and that converted to the base currency, which ranks referrers with the same count.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Referral(UUID customerId, String name, long referred, List<Amount> totals, BigDecimal referredPurchaseTotal,
                    Money.Converted ranked) {
    }

    /** Referrers of customers registered in [from, to) (null from: since ever): most referred, then most bought. */
    List<Referral> referrals(Instant from, Instant to) {
        return reports.referrers(from, to).stream()
                .map(one -> new Referral(one.customerId(), one.name(), one.referred(), one.totals(),
                        Totals.single(one.totals()), money.toBase(one.totals())))
                .sorted(Comparator.comparingLong(Referral::referred).reversed()
                        .thenComparing(one -> one.ranked().total().amount(), Comparator.reverseOrder())
                        .thenComparing(Referral::customerId))
                .toList();
    }

    /** Customers and what happened to them under one key; purchases per currency, {@code purchaseTotal} only while in one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Statistics(String key, long customers, long newCustomers, long visits, long purchases,
                      List<Amount> totals, BigDecimal purchaseTotal, long complaints) {
    }

    /**
     * The customers registered before {@code to} and what happened to them in [from, to), summed by a key of
     * {@link #STATISTICS_DIMENSIONS}, money per currency; most customers first.
     */
    List<Statistics> statistics(Instant from, Instant to, String by) {
        boolean byLifecycle = by.equals(LIFECYCLE);
        List<ReportRepository.CustomerCounts> counts = reports.customerCounts(byLifecycle ? null : by, from, to);
        Map<UUID, String> stages = new HashMap<>();
        if (byLifecycle) {
            commercial.all(to, null, false).forEach(one -> stages.put(one.figures().customerId(),
                    one.lifecycle().stage().name()));
        }
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, List<Amount>> totals = new TreeMap<>();
        for (ReportRepository.CustomerCounts one : counts) {
            String key = byLifecycle ? stages.getOrDefault(one.customerId(), Lifecycle.Stage.PROSPECT.name())
                    : one.key() == null ? "(none)" : one.key();
            long[] sum = sums.computeIfAbsent(key, k -> new long[5]);
            sum[0]++;
            sum[1] += one.newCustomer() ? 1 : 0;
            sum[2] += one.visits();
            sum[3] += one.purchases();
            sum[4] += one.complaints();
            totals.merge(key, one.totals(), Totals::add);
        }
        return sums.entrySet().stream().map(entry -> new Statistics(entry.getKey(), entry.getValue()[0],
                        entry.getValue()[1], entry.getValue()[2], entry.getValue()[3], totals.get(entry.getKey()),
                        Totals.single(totals.get(entry.getKey())), entry.getValue()[4]))
                .sorted(Comparator.comparingLong(Statistics::customers).reversed().thenComparing(Statistics::key))
                .toList();
    }
}
