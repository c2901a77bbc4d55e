package com.customerarchive.query.report;

import com.customerarchive.events.ComplaintSeverity;
import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.Grade;
import com.customerarchive.events.MembershipTier;
import com.customerarchive.events.org.OrgChart;
import com.customerarchive.events.org.Scope;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.commercial.Figures;
import com.customerarchive.query.core.OrgCharts;
import com.customerarchive.query.commercial.Lifecycle;
import com.customerarchive.query.commercial.Value;
import com.customerarchive.query.commercial.ValueProperties;
import com.customerarchive.query.money.Amount;
import com.customerarchive.query.money.Money;
import com.customerarchive.query.money.Totals;
import com.customerarchive.query.report.Tally.Figure;
import com.customerarchive.query.rules.ArchiveRules;
import com.customerarchive.query.web.CustomerScope;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every management report, from one rule: a report is what the archive knew at its {@code knownAt} (recording time),
 * folded customer by customer in business time; figures about events group by each attribute as it stood when the
 * event happened, figures about customers by the attribute as it stood at the end of the period ({@code to} or
 * {@code asOf}). Each figure is counted from the customers or events put under it in a {@link Tally}, which is also
 * what its drill-down lists.
 */
@Component
class Reports {

    static final String LIFECYCLE = "lifecycle";
    static final String NONE = "(none)";
    static final String NOT_RESOLVED = "NOT_RESOLVED";

    /** What statistics group customers by: an attribute of the customer, or its lifecycle stage. */
    static final Set<String> STATISTICS_DIMENSIONS = Collections.unmodifiableSet(new TreeSet<>(Set.of("source",
            "province", "city", "industry", "grade", "tier", "nature", "owner", LIFECYCLE, "team", "branch")));

    /** The dimensions complaints are analysed by (留档分析). */
    static final Set<String> COMPLAINT_DIMENSIONS = Collections.unmodifiableSet(new TreeSet<>(Set.of("category",
            "severity", "responsibility", "owner", "team", "branch")));

    private final Timelines timelines;
    private final ArchiveRules rules;
    private final ValueProperties value;
    private final Money money;
    private final BusinessZone zone;

    private final OrgCharts charts;
    private final CustomerScope scope;

    private final RouteReports routes;
    private final com.customerarchive.query.core.Completeness completeness;

    Reports(Timelines timelines, ArchiveRules rules, ValueProperties value, Money money, BusinessZone zone,
            OrgCharts charts, CustomerScope scope, RouteReports routes,
            com.customerarchive.query.core.Completeness completeness) {
        this.completeness = completeness;
        this.routes = routes;
        this.charts = charts;
        this.scope = scope;
        this.timelines = timelines;
        this.rules = rules;
        this.value = value;
        this.money = money;
        this.zone = zone;
    }

    /** The report asked for, its figures put into {@code tally}. */
    Object run(ReportQuery query, Tally tally) {
        return switch (query.report()) {
            case "lifecycle" -> lifecycle(query, tally);
            case "at-risk" -> atRisk(query, tally);
            case "value" -> value(query, tally);
            case "referrals" -> referrals(query, tally);
            case "statistics" -> statistics(query, tally);
            case "complaints" -> complaints(query, tally);
            case "grade-migration" -> gradeMigration(query, tally);
            case "activity" -> activity(query, tally);
            case "membership" -> membership(query, tally);
            case "receivables" -> receivables(query, tally);
            case "distribution" -> routes.distribution(query, tally, this::each);
            case "route-week" -> routes.routeWeek(query, tally, this::each);
            case "plan-adherence" -> routes.planAdherence(query, tally, this::each);
            case "trade-types" -> routes.tradeTypes(query, tally, this::each);
            default -> throw new IllegalArgumentException("no report " + query.report());
        };
    }

    /** The customers' names as the profile shows them now. */
    Map<UUID, Timelines.Label> labels(java.util.Collection<UUID> customerIds) {
        return timelines.labels(customerIds);
    }

    private static Timelines.Label label(Map<UUID, Timelines.Label> labels, UUID customerId) {
        return labels.getOrDefault(customerId, Timelines.Label.NONE);
    }

    /** The instant just before {@code to}: a period is [from, to). */
    static Instant before(Instant to) {
        return to.minusNanos(1000);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return (from == null || !at.isBefore(from)) && at.isBefore(to);
    }

    /** The organisation as the report's {@code knownAt} knew it: a later move does not change a report handed in. */
    private OrgChart organisation(ReportQuery query) {
        return charts.chart().knownAt(query.knownAt());
    }

    /**
     * Every customer's timeline the report covers: with {@code unit}, those whose owner was placed in that unit (or
     * one below it) at the report's moment ({@code to}, or {@code asOf}), as the organisation was known at knownAt.
     */
    void each(ReportQuery query, Consumer<Timeline> consumer) {
        if (query.unit() == null) {
            eachInScope(query, consumer);
            return;
        }
        OrgChart chart = organisation(query);
        Set<String> units = chart.subtree(query.unit());
        Instant moment = query.moment();
        eachInScope(query, timeline -> {
            Timeline.State state = timeline.at(moment);
            if (state != null && units.contains(chart.unitAt(state.owner, moment))) {
                consumer.accept(timeline);
            }
        });
    }

    /**
     * Every customer's timeline in the user's scope as the organisation was known at knownAt: those whose owner at the
     * report's moment (as known then) the user's position covered then. A company-wide scope reads them all.
     */
    private void eachInScope(ReportQuery query, Consumer<Timeline> consumer) {
        Scope seen = scope.scopeKnownAt(query.knownAt());
        if (seen.all()) {
            timelines.each(query.knownAt(), consumer);
            return;
        }
        Instant moment = query.moment();
        timelines.each(query.knownAt(), timeline -> {
            Timeline.State state = timeline.at(moment);
            if (state != null && seen.covers(state.owner)) {
                consumer.accept(timeline);
            }
        });
    }

    /** The team (the unit its owner was placed in) or the branch of a figure's owner at {@code at}. */
    private static String unitKey(String by, OrgChart chart, String owner, Instant at) {
        String unit = chart.unitAt(owner, at);
        if (unit == null || by.equals("team")) {
            return unit;
        }
        return chart.branchOf(unit).map(OrgChart.Unit::code).orElse(null);
    }

    // ---- lifecycle, at-risk, value: customers judged at asOf ----

    /** A customer judged at an instant: its figures then, its lifecycle and (when asked) its value. */
    private record Judged(Timeline timeline, Timeline.State state, Figures figures, Lifecycle lifecycle) {
    }

    /** The most days any of its receivables was past due at {@code at} (0 when none was). */
    private long mostDaysPastDue(Timeline timeline, Instant at) {
        LocalDate day = zone.dayOf(at);
        return timeline.receivables(at).values().stream().mapToLong(receivable -> receivable.daysPastDue(day)).max()
                .orElse(0);
    }

    /** Every customer registered by {@code asOf} judged then, referrals counted for value. */
    private List<Judged> judged(ReportQuery query, Instant asOf) {
        Instant knownAt = query.knownAt();
        List<Judged> judged = new ArrayList<>();
        Map<String, List<Timeline>> referredBy = new HashMap<>();
        List<Object[]> pending = new ArrayList<>();
        each(query, timeline -> {
            Timeline.State state = timeline.at(asOf);
            if (state == null) {
                return;
            }
            if (state.referrer != null) {
                referredBy.computeIfAbsent(state.referrer, r -> new ArrayList<>()).add(timeline);
            }
            pending.add(new Object[]{timeline, state});
        });
        for (Object[] one : pending) {
            Timeline timeline = (Timeline) one[0];
            Timeline.State state = (Timeline.State) one[1];
            List<Timeline> referred = referredBy.getOrDefault(timeline.customerId().toString(), List.of());
            List<Amount> referredTotals = List.of();
            for (Timeline other : referred) {
                referredTotals = Totals.add(referredTotals, totals(purchasesBy(other, asOf)));
            }
            Figures figures = figures(timeline, state, asOf, referred.size(), referredTotals);
            judged.add(new Judged(timeline, state, figures, Lifecycle.of(figures, rules, asOf, zone)
                    .withDaysPastDue(mostDaysPastDue(timeline, asOf))));
        }
        return judged;
    }

    private static List<Fact> purchasesBy(Timeline timeline, Instant at) {
        return timeline.purchases().stream().filter(purchase -> !purchase.at().isAfter(at)).toList();
    }

    private static List<Amount> totals(List<Fact> purchases) {
        List<Amount> totals = List.of();
        for (Fact purchase : purchases) {
            totals = Totals.add(totals, List.of(new Amount(purchase.text(Fact.CURRENCY), purchase.amount())));
        }
        return totals;
    }

    /** A customer's figures at {@code at}: what lifecycle and value are judged on. */
    private Figures figures(Timeline timeline, Timeline.State state, Instant at, int referred,
                            List<Amount> referredTotals) {
        List<Fact> purchases = purchasesBy(timeline, at);
        Instant yearBefore = at.atZone(zone.zone()).minusYears(1).toInstant();
        Instant quartersFrom = Lifecycle.quarterStart(at, 4, zone);
        Instant quartersTo = Lifecycle.quarterStart(at, 0, zone);
        Set<Instant> quarters = new HashSet<>();
        Set<LocalDate> bought = new HashSet<>();
        int lastYear = 0;
        for (Fact purchase : purchases) {
            if (purchase.at().isAfter(yearBefore)) {
                lastYear++;
            }
            if (!purchase.at().isBefore(quartersFrom) && purchase.at().isBefore(quartersTo)) {
                quarters.add(Lifecycle.quarterStart(purchase.at(), 0, zone));
            }
            if (purchase.at().isBefore(quartersTo)) {
                bought.add(zone.dayOf(Lifecycle.quarterStart(purchase.at(), 0, zone)));
            }
        }
        // the unbroken run of quarters with a purchase that ends with the quarter before at's own
        LocalDate buyingSince = null;
        for (LocalDate quarter = zone.dayOf(Lifecycle.quarterStart(at, 1, zone)); bought.contains(quarter);
             quarter = quarter.minusMonths(3)) {
            buyingSince = quarter;
        }
        return new Figures(timeline.customerId(), null, state.owner, state.grade, state.status, state.archiveReason,
                state.registeredAt, state.lastContactAt, state.archivedAt, purchases.size(), totals(purchases),
                purchases.isEmpty() ? null : purchases.get(0).at(), purchases.size() < 2 ? null : purchases.get(1).at(),
                purchases.isEmpty() ? null : purchases.get(purchases.size() - 1).at(), lastYear, quarters.size(),
                buyingSince, referred, referredTotals);
    }

    /** The lifecycle stage of a customer at an instant (the key of statistics by lifecycle). */
    private String stageAt(Timeline timeline, Timeline.State state, Instant at) {
        return Lifecycle.of(figures(timeline, state, at, 0, List.of()), rules, at, zone).stage().name();
    }

    record LifecycleReport(Instant asOf, Instant knownAt, Map<Lifecycle.Stage, Long> stages, long atRisk,
                           Map<String, Object> drill) {
    }

    /** Customers (of one owner at asOf, when given) by lifecycle stage at asOf, and how many are at risk. */
    LifecycleReport lifecycle(ReportQuery query, Tally tally) {
        for (Lifecycle.Stage stage : Lifecycle.Stage.values()) {
            tally.zero(Figure.of("stages", stage.name()));
        }
        tally.zero(Figure.of("atRisk"));
        for (Judged one : judged(query, query.asOf())) {
            if (query.ownerId() != null && !query.ownerId().equals(one.state().owner)) {
                continue;
            }
            tally.customer(Figure.of("stages", one.lifecycle().stage().name()), one.timeline().customerId(),
                    one.state());
            if (one.lifecycle().atRisk()) {
                tally.customer(Figure.of("atRisk"), one.timeline().customerId(), one.state());
            }
        }
        Map<Lifecycle.Stage, Long> stages = new LinkedHashMap<>();
        Map<String, String> stageLinks = new LinkedHashMap<>();
        for (Lifecycle.Stage stage : Lifecycle.Stage.values()) {
            Figure figure = Figure.of("stages", stage.name());
            stages.put(stage, tally.count(figure));
            stageLinks.put(stage.name(), query.drill(figure));
        }
        Map<String, Object> drill = new LinkedHashMap<>();
        drill.put("stages", stageLinks);
        drill.put("atRisk", query.drill(Figure.of("atRisk")));
        return new LifecycleReport(query.asOf(), query.knownAt(), stages, tally.count(Figure.of("atRisk")), drill);
    }

    record AtRisk(UUID customerId, String name, String ownerId, Grade grade, Lifecycle.Stage stage, String reason,
                  LocalDate lastPurchaseOn, long daysSinceLastPurchase, Instant lastContactAt, String code) {
    }

    /** The buying customers at risk at asOf, longest without a purchase first. */
    List<AtRisk> atRisk(ReportQuery query, Tally tally) {
        Instant asOf = query.asOf();
        List<Judged> atRisk = judged(query, asOf).stream()
                .filter(one -> one.lifecycle().atRisk())
                .filter(one -> query.ownerId() == null || query.ownerId().equals(one.state().owner)).toList();
        Map<UUID, Timelines.Label> labels = timelines.labels(atRisk.stream().map(one -> one.timeline().customerId())
                .toList());
        atRisk.forEach(one -> tally.customer(Figure.of("customers"), one.timeline().customerId(), one.state()));
        return atRisk.stream()
                .map(one -> new AtRisk(one.timeline().customerId(), label(labels, one.timeline().customerId()).name(),
                        one.state().owner, one.state().grade, one.lifecycle().stage(), one.lifecycle().reason(),
                        day(one.figures().lastPurchaseAt()),
                        Duration.between(one.figures().lastPurchaseAt(), asOf).toDays(), one.figures().lastContactAt(),
                        label(labels, one.timeline().customerId()).code()))
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
                  Value value, int purchases, List<Amount> totals, BigDecimal purchaseTotal, Map<String, Object> drill,
                  String code) {
    }

    /** The {@code top} customers by value at asOf: score, then purchase total in the base currency, then id. */
    List<Ranked> value(ReportQuery query, Tally tally) {
        List<Judged> all = judged(query, query.asOf());
        Value.Distribution distribution = new Value.Distribution(all.stream().map(Judged::figures).toList(),
                query.asOf(), money);
        record Scored(Judged judged, Value value) {
        }
        List<Scored> ranked = all.stream()
                .filter(one -> query.ownerId() == null || query.ownerId().equals(one.state().owner))
                .filter(one -> one.state().status != CustomerStatus.ARCHIVED || Boolean.TRUE.equals(query.archived()))
                .map(one -> new Scored(one, distribution.of(one.figures(), value.weights())))
                .sorted(Comparator.comparingInt((Scored one) -> one.value().score()).reversed()
                        .thenComparing(one -> one.value().scoredTotal().amount(), Comparator.reverseOrder())
                        .thenComparing(one -> one.judged().timeline().customerId()))
                .limit(query.top()).toList();
        Map<UUID, Timelines.Label> labels = timelines.labels(ranked.stream()
                .map(one -> one.judged().timeline().customerId()).toList());
        List<Ranked> answer = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Judged one = ranked.get(i).judged();
            UUID id = one.timeline().customerId();
            Figure purchases = Figure.of("purchases", id.toString());
            tally.zero(purchases);
            purchasesBy(one.timeline(), query.asOf()).forEach(purchase -> tally.event(purchases, purchase));
            answer.add(new Ranked(i + 1, id, label(labels, id).name(), one.state().owner, one.state().grade,
                    one.lifecycle().stage(), ranked.get(i).value(), one.figures().purchases(), one.figures().totals(),
                    Totals.single(one.figures().totals()), Map.of("purchases", query.drill(purchases)),
                    label(labels, id).code()));
        }
        return answer;
    }

    // ---- referrals ----

    /**
     * A referrer with what its customers bought per currency ({@code referredPurchaseTotal} only while that is one
     * currency) and that converted to the base currency, which ranks referrers with the same count.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Referral(UUID customerId, String name, long referred, List<Amount> totals, BigDecimal referredPurchaseTotal,
                    Money.Converted ranked, Map<String, Object> drill, String code) {
    }

    /**
     * Referrers of the customers registered in [from, to) (null from: since ever), the referrer as it stood at
     * {@code to}, with what those customers bought by {@code to}: most referred, then most bought.
     */
    List<Referral> referrals(ReportQuery query, Tally tally) {
        Set<String> known = new HashSet<>();
        Map<String, List<Object[]>> referred = new LinkedHashMap<>();
        Instant end = before(query.to());
        each(query, timeline -> {
            known.add(timeline.customerId().toString());
            Timeline.State state = timeline.at(end);
            if (state == null || state.referrer == null || !within(state.registeredAt, query.from(), query.to())) {
                return;
            }
            referred.computeIfAbsent(state.referrer, r -> new ArrayList<>())
                    .add(new Object[]{timeline, state, purchasesBy(timeline, end)});
        });
        List<UUID> referrers = referred.keySet().stream().filter(known::contains).map(UUID::fromString).toList();
        Map<UUID, Timelines.Label> labels = timelines.labels(referrers);
        List<Referral> answer = new ArrayList<>();
        for (UUID referrer : referrers) {
            String key = referrer.toString();
            Figure count = Figure.of("referred", key);
            for (Object[] one : referred.get(key)) {
                tally.customer(count, ((Timeline) one[0]).customerId(), (Timeline.State) one[1]);
                @SuppressWarnings("unchecked")
                List<Fact> purchases = (List<Fact>) one[2];
                purchases.forEach(purchase -> tally.event(new Figure("totals", key, purchase.text(Fact.CURRENCY)),
                        purchase));
            }
            List<Amount> totals = List.of();
            Map<String, String> totalLinks = new LinkedHashMap<>();
            for (String currency : tally.columns("totals", key)) {
                Figure figure = new Figure("totals", key, currency);
                totals = Totals.add(totals, tally.totals(figure));
                totalLinks.put(currency, query.drill(figure));
            }
            Map<String, Object> drill = new LinkedHashMap<>();
            drill.put("referred", query.drill(count));
            drill.put("totals", totalLinks);
            answer.add(new Referral(referrer, label(labels, referrer).name(), tally.count(count), totals,
                    Totals.single(totals), money.toBase(totals), drill, label(labels, referrer).code()));
        }
        answer.sort(Comparator.comparingLong(Referral::referred).reversed()
                .thenComparing(one -> one.ranked().total().amount(), Comparator.reverseOrder())
                .thenComparing(Referral::customerId));
        return answer;
    }

    // ---- statistics ----

    /**
     * Customers and what happened to them under one key; purchases per currency, {@code purchaseTotal} only while in
     * one; {@code averageCompleteness} of the key's customers' cards as they stood at the end (one decimal; left out
     * when none of them has a card the archive scored).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Statistics(String key, long customers, long newCustomers, long visits, long purchases,
                      List<Amount> totals, BigDecimal purchaseTotal, long complaints, BigDecimal averageCompleteness,
                      Map<String, Object> drill) {
    }

    private static final List<String> STATISTICS_COUNTS = List.of("customers", "newCustomers", "visits", "purchases",
            "complaints");

    /**
     * By a key of {@link #STATISTICS_DIMENSIONS}: the customers registered before {@code to} under their key at the
     * end of the period, those registered in [from, to) as new; the visits, purchases (money per currency) and
     * complaints of [from, to) under the key their customer had when each happened. Most customers first.
     */
    List<Statistics> statistics(ReportQuery query, Tally tally) {
        String by = query.by();
        OrgChart chart = organisation(query);
        Instant end = before(query.to());
        Map<String, long[]> scores = new HashMap<>();
        each(query, timeline -> {
            Timeline.State last = timeline.at(end);
            if (last == null && !timeline.mergedBy(end)) {
                return;
            }
            if (last != null) {
                // a duplicate merged by the end is counted as the customer it was merged into; what it did before stays
                String key = key(by, chart, timeline, last, end);
                tally.customer(Figure.of("customers", key), timeline.customerId(), last);
                if (last.filled != null) {
                    long[] sum = scores.computeIfAbsent(key, k -> new long[2]);
                    sum[0] += completeness.of(last.customerKind(), last.filled).score();
                    sum[1]++;
                }
                if (!last.registeredAt.isBefore(query.from())) {
                    tally.customer(Figure.of("newCustomers", key), timeline.customerId(), last);
                }
            }
            Set<Long> counted = new HashSet<>();
            timeline.purchases().forEach(purchase -> counted.add(purchase.sequence()));
            timeline.walk(end, (fact, state) -> {
                if (!within(fact.at(), query.from(), query.to())) {
                    return;
                }
                boolean purchase = fact.type().equals(Fact.PURCHASE) && counted.contains(fact.sequence());
                String figure = fact.type().equals(Fact.VISIT) ? "visits" : purchase ? "purchases"
                        : fact.type().equals(Fact.COMPLAINT_FILED) ? "complaints" : null;
                if (figure == null) {
                    return;
                }
                String then = key(by, chart, timeline, state, fact.at());
                tally.event(Figure.of(figure, then), fact);
                if (purchase) {
                    tally.event(new Figure("totals", then, fact.text(Fact.CURRENCY)), fact);
                }
            });
        });
        Set<String> keys = new TreeSet<>();
        STATISTICS_COUNTS.forEach(figure -> keys.addAll(tally.keys(figure)));
        List<Statistics> rows = new ArrayList<>();
        for (String key : keys) {
            Map<String, Object> drill = new LinkedHashMap<>();
            STATISTICS_COUNTS.forEach(figure -> drill.put(figure, query.drill(Figure.of(figure, key))));
            List<Amount> totals = List.of();
            Map<String, String> totalLinks = new LinkedHashMap<>();
            for (String currency : new TreeSet<>(tally.columns("totals", key))) {
                Figure figure = new Figure("totals", key, currency);
                totals = Totals.add(totals, tally.totals(figure));
                totalLinks.put(currency, query.drill(figure));
            }
            drill.put("totals", totalLinks);
            rows.add(new Statistics(key, tally.count(Figure.of("customers", key)),
                    tally.count(Figure.of("newCustomers", key)), tally.count(Figure.of("visits", key)),
                    tally.count(Figure.of("purchases", key)), totals, Totals.single(totals),
                    tally.count(Figure.of("complaints", key)), average(scores.get(key)), drill));
        }
        rows.sort(Comparator.comparingLong(Statistics::customers).reversed().thenComparing(Statistics::key));
        return rows;
    }

    private static BigDecimal average(long[] sum) {
        return sum == null || sum[1] == 0 ? null
                : BigDecimal.valueOf(sum[0]).divide(BigDecimal.valueOf(sum[1]), 1, java.math.RoundingMode.HALF_UP);
    }

    /** A customer's key under a dimension as it stood then ({@link #NONE} where it has none). */
    private String key(String by, OrgChart chart, Timeline timeline, Timeline.State state, Instant at) {
        String key = switch (by) {
            case "source" -> state.source;
            case "province" -> state.province;
            case "city" -> state.city;
            case "industry" -> state.industry;
            case "grade" -> state.grade == null ? null : state.grade.name();
            case "tier" -> state.tier;
            case "nature" -> state.nature;
            case "owner" -> state.owner;
            case LIFECYCLE -> stageAt(timeline, state, at);
            case "team", "branch" -> unitKey(by, chart, state.owner, at);
            default -> throw new IllegalArgumentException("no dimension " + by);
        };
        return key == null || key.isBlank() ? NONE : key;
    }

    // ---- complaints ----

    record ComplaintAnalysis(String key, long filed, long resolved, long breached, Double medianHoursToResolve,
                             Double averageSatisfaction, Map<String, Object> drill) {
    }

    /**
     * Complaints by a key of {@link #COMPLAINT_DIMENSIONS}, each as it stood at {@code to}: filed and resolved within
     * [from, to); breached: open past its target at {@code to}, or resolved late, its target counted from its (re)opening;
     * median hours from filing to resolution and average satisfaction of those resolved. The owner is the customer's
     * when the complaint was filed (for filed), resolved (for resolved) or breached its target (for breached).
     */
    List<ComplaintAnalysis> complaints(ReportQuery query, Tally tally) {
        Instant end = before(query.to());
        OrgChart chart = organisation(query);
        Map<String, List<Double>> hours = new HashMap<>();
        Map<String, List<Integer>> satisfaction = new HashMap<>();
        each(query, timeline -> {
            for (Timeline.Complaint complaint : timeline.complaints(end)) {
                Instant resolvedAt = complaint.resolvedAt();
                boolean filed = within(complaint.filed.at(), query.from(), query.to());
                boolean resolved = resolvedAt != null && within(resolvedAt, query.from(), query.to());
                if (!filed && resolvedAt != null && !resolved) {
                    continue; // filed before the period and resolved before it began
                }
                Duration target = rules.target(ComplaintSeverity.valueOf(complaint.severity));
                Instant stopped = resolvedAt != null ? resolvedAt : query.to();
                boolean breached = Duration.between(complaint.openedAt, stopped).compareTo(target) > 0;
                String key = complaintKey(query.by(), chart, timeline, complaint, complaint.filed.at());
                tally.zero(Figure.of("filed", key));
                tally.zero(Figure.of("resolved", key));
                tally.zero(Figure.of("breached", key));
                if (filed) {
                    tally.event(Figure.of("filed", key), complaint.filed);
                }
                if (resolved) {
                    String then = complaintKey(query.by(), chart, timeline, complaint, resolvedAt);
                    tally.event(Figure.of("resolved", then), complaint.resolved);
                    hours.computeIfAbsent(then, k -> new ArrayList<>())
                            .add(Duration.between(complaint.filed.at(), resolvedAt).toMillis() / 3_600_000.0);
                    if (complaint.satisfaction != null) {
                        satisfaction.computeIfAbsent(then, k -> new ArrayList<>()).add(complaint.satisfaction);
                    }
                }
                if (breached) {
                    Instant breachedAt = complaint.openedAt.plus(target);
                    tally.event(Figure.of("breached", complaintKey(query.by(), chart, timeline, complaint, breachedAt)),
                            complaint.filed);
                }
            }
        });
        Set<String> keys = new LinkedHashSet<>(tally.keys("filed"));
        keys.addAll(tally.keys("resolved"));
        keys.addAll(tally.keys("breached"));
        List<ComplaintAnalysis> rows = new ArrayList<>();
        for (String key : keys) {
            Map<String, Object> drill = new LinkedHashMap<>();
            for (String figure : List.of("filed", "resolved", "breached")) {
                drill.put(figure, query.drill(Figure.of(figure, key)));
            }
            rows.add(new ComplaintAnalysis(key, tally.count(Figure.of("filed", key)),
                    tally.count(Figure.of("resolved", key)), tally.count(Figure.of("breached", key)),
                    median(hours.get(key)), average(satisfaction.get(key)), drill));
        }
        rows.sort(Comparator.comparingLong(ComplaintAnalysis::filed).reversed().thenComparing(ComplaintAnalysis::key));
        return rows;
    }

    private String complaintKey(String by, OrgChart chart, Timeline timeline, Timeline.Complaint complaint, Instant at) {
        String key = switch (by) {
            case "category" -> complaint.category;
            case "severity" -> complaint.severity;
            case "responsibility" -> complaint.responsibility == null ? NOT_RESOLVED : complaint.responsibility;
            case "owner", "team", "branch" -> {
                Timeline.State state = timeline.at(at);
                String owner = state == null ? null : state.owner;
                yield by.equals("owner") ? owner : unitKey(by, chart, owner, at);
            }
            default -> throw new IllegalArgumentException("no dimension " + by);
        };
        return key == null ? NONE : key;
    }

    /** The median as PostgreSQL's percentile_cont(0.5) gives it, to two decimals; null for none. */
    static Double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return rounded(median);
    }

    private static Double average(List<Integer> values) {
        return values == null || values.isEmpty() ? null
                : rounded(values.stream().mapToInt(Integer::intValue).average().orElseThrow());
    }

    private static Double rounded(double value) {
        return Math.round(value * 100) / 100.0;
    }

    // ---- grade migration ----

    record Migration(Instant from, Instant to, Instant knownAt, Map<Grade, Map<Grade, Long>> matrix,
                     Map<Grade, Long> entered, Map<String, Object> drill) {
    }

    /** Customers by grade at {@code from} and at {@code to} (by occurredAt), and those registered in between. */
    Migration gradeMigration(ReportQuery query, Tally tally) {
        each(query, timeline -> {
            Timeline.State atTo = timeline.at(query.to());
            if (atTo == null) {
                return;
            }
            Timeline.State atFrom = timeline.at(query.from());
            Figure figure = atFrom == null ? Figure.of("entered", atTo.grade.name())
                    : new Figure("matrix", atFrom.grade.name(), atTo.grade.name());
            tally.customer(figure, timeline.customerId(), atTo);
        });
        Map<Grade, Map<Grade, Long>> matrix = new LinkedHashMap<>();
        Map<Grade, Long> entered = new LinkedHashMap<>();
        Map<String, Map<String, String>> matrixLinks = new LinkedHashMap<>();
        Map<String, String> enteredLinks = new LinkedHashMap<>();
        for (Grade row : Grade.values()) {
            Map<Grade, Long> cells = new LinkedHashMap<>();
            Map<String, String> links = new LinkedHashMap<>();
            for (Grade column : Grade.values()) {
                Figure figure = new Figure("matrix", row.name(), column.name());
                cells.put(column, tally.count(figure));
                links.put(column.name(), query.drill(figure));
            }
            matrix.put(row, cells);
            matrixLinks.put(row.name(), links);
            entered.put(row, tally.count(Figure.of("entered", row.name())));
            enteredLinks.put(row.name(), query.drill(Figure.of("entered", row.name())));
        }
        Map<String, Object> drill = new LinkedHashMap<>();
        drill.put("matrix", matrixLinks);
        drill.put("entered", enteredLinks);
        return new Migration(query.from(), query.to(), query.knownAt(), matrix, entered, drill);
    }

    // ---- activity ----

    record OwnerActivity(String ownerId, long visits, Map<String, Long> visitsByMethod, long complaintsFiled,
                         long complaintsResolved, long gradeUps, long gradeDowns, Map<String, Object> drill) {
    }

    record Activity(Instant from, Instant to, Instant knownAt, List<OwnerActivity> owners) {
    }

    private static final List<String> ACTIVITY_COUNTS = List.of("visits", "complaintsFiled", "complaintsResolved",
            "gradeUps", "gradeDowns");

    /**
     * Per owner at the time of each event: visits by method, complaints filed and resolved, grades moved up (towards
     * A) and down, in [from, to).
     */
    Activity activity(ReportQuery query, Tally tally) {
        // with a unit: the team lead's view, each event under the rep who was in the unit when it happened
        OrgChart chart = organisation(query);
        Set<String> units = query.unit() == null ? null : chart.subtree(query.unit());
        eachInScope(query, timeline -> timeline.walk(before(query.to()), (fact, state) -> {
            if (!within(fact.at(), query.from(), query.to()) || state.owner == null
                    || (query.ownerId() != null && !query.ownerId().equals(state.owner))
                    || (units != null && !units.contains(chart.unitAt(state.owner, fact.at())))) {
                return;
            }
            String owner = state.owner;
            switch (fact.type()) {
                case Fact.VISIT -> {
                    tally.event(Figure.of("visits", owner), fact);
                    tally.event(new Figure("visitsByMethod", owner, fact.text(Fact.METHOD)), fact);
                }
                case Fact.COMPLAINT_FILED -> tally.event(Figure.of("complaintsFiled", owner), fact);
                case Fact.COMPLAINT_RESOLVED -> tally.event(Figure.of("complaintsResolved", owner), fact);
                case Fact.GRADE_CHANGED -> tally.event(Figure.of(
                        Grade.valueOf(fact.text(Fact.GRADE)).compareTo(Grade.valueOf(fact.text(Fact.FROM))) < 0
                                ? "gradeUps" : "gradeDowns", owner), fact);
                default -> { }
            }
        }));
        Set<String> owners = new TreeSet<>();
        ACTIVITY_COUNTS.forEach(figure -> owners.addAll(tally.keys(figure)));
        List<OwnerActivity> rows = new ArrayList<>();
        for (String owner : owners) {
            Map<String, Object> drill = new LinkedHashMap<>();
            ACTIVITY_COUNTS.forEach(figure -> drill.put(figure, query.drill(Figure.of(figure, owner))));
            Map<String, Long> methods = new TreeMap<>();
            Map<String, String> methodLinks = new TreeMap<>();
            for (String method : tally.columns("visitsByMethod", owner)) {
                Figure figure = new Figure("visitsByMethod", owner, method);
                methods.put(method, tally.count(figure));
                methodLinks.put(method, query.drill(figure));
            }
            drill.put("visitsByMethod", methodLinks);
            rows.add(new OwnerActivity(owner, tally.count(Figure.of("visits", owner)), methods,
                    tally.count(Figure.of("complaintsFiled", owner)), tally.count(Figure.of("complaintsResolved", owner)),
                    tally.count(Figure.of("gradeUps", owner)), tally.count(Figure.of("gradeDowns", owner)), drill));
        }
        return new Activity(query.from(), query.to(), query.knownAt(), rows);
    }

    // ---- membership ----

    /** Per tier; the fees per currency in {@code totals}, and as {@code fees} while they are in one currency. */
    record TierFigures(MembershipTier tier, long issued, long renewed, long reportedLost, long reissued, long cancelled,
                       long expired, BigDecimal fees, List<Amount> totals, Map<String, Object> drill) {
    }

    record MembershipReport(Instant from, Instant to, Instant knownAt, List<TierFigures> tiers) {
    }

    private static final Map<String, String> CARD_FIGURES = Map.of(Fact.CARD_ISSUED, "issued", Fact.CARD_RENEWED,
            "renewed", Fact.CARD_REPORTED_LOST, "reportedLost", Fact.CARD_REISSUED, "reissued", Fact.CARD_CANCELLED,
            "cancelled");
    private static final List<String> MEMBERSHIP_COUNTS = List.of("issued", "renewed", "reportedLost", "reissued",
            "cancelled", "expired");

    /** A membership card as it stood: its tier, whether it is live, until when, and the event that set that date. */
    private static final class Card {
        String tier;
        boolean live = true;
        LocalDate until;
        Fact dated;
    }

    /**
     * Per tier (the card's tier when each event happened), what happened to cards in [from, to); expired: cards live
     * at the end of the period whose end date fell in it; fees of issues, renewals and reissues (in CNY).
     */
    MembershipReport membership(ReportQuery query, Tally tally) {
        Instant end = before(query.to());
        LocalDate firstDay = zone.dayOf(query.from());
        LocalDate lastDay = zone.dayOf(end);
        each(query, timeline -> {
            Map<String, Card> cards = new LinkedHashMap<>();
            timeline.walk(end, (fact, state) -> {
                String number = fact.text(Fact.CARD);
                if (number == null) {
                    return;
                }
                Card card = cards.computeIfAbsent(number, n -> new Card());
                switch (fact.type()) {
                    case Fact.CARD_ISSUED -> card.tier = fact.text(Fact.TIER);
                    case Fact.CARD_REISSUED -> {
                        // the new card takes the tier of the one it replaces, which is no longer live
                        Card replaced = cards.get(fact.text(Fact.REPLACES));
                        if (replaced != null) {
                            card.tier = replaced.tier;
                            replaced.live = false;
                        }
                    }
                    case Fact.CARD_TIER_CHANGED -> card.tier = fact.text(Fact.TIER);
                    case Fact.CARD_REPORTED_LOST, Fact.CARD_CANCELLED -> card.live = false;
                    default -> { }
                }
                if (fact.has(Fact.UNTIL)) {
                    card.until = LocalDate.parse(fact.text(Fact.UNTIL));
                    card.dated = fact;
                }
                String figure = CARD_FIGURES.get(fact.type());
                if (figure != null && card.tier != null && within(fact.at(), query.from(), query.to())) {
                    tally.event(Figure.of(figure, card.tier), fact);
                    if (fact.amount() != null && !fact.type().equals(Fact.CARD_REPORTED_LOST)) {
                        tally.event(new Figure("fees", card.tier, fact.text(Fact.CURRENCY)), fact);
                    }
                }
            });
            for (Card card : cards.values()) {
                if (card.live && card.tier != null && card.until != null && !card.until.isBefore(firstDay)
                        && !card.until.isAfter(lastDay)) {
                    tally.event(Figure.of("expired", card.tier), card.dated);
                }
            }
        });
        List<TierFigures> tiers = new ArrayList<>();
        for (MembershipTier tier : MembershipTier.values()) {
            String key = tier.name();
            Map<String, Object> drill = new LinkedHashMap<>();
            MEMBERSHIP_COUNTS.forEach(figure -> drill.put(figure, query.drill(Figure.of(figure, key))));
            List<Amount> totals = List.of();
            Map<String, String> feeLinks = new LinkedHashMap<>();
            for (String currency : tally.columns("fees", key)) {
                Figure figure = new Figure("fees", key, currency);
                totals = Totals.add(totals, tally.totals(figure));
                feeLinks.put(currency, query.drill(figure));
            }
            drill.put("totals", feeLinks);
            tiers.add(new TierFigures(tier, tally.count(Figure.of("issued", key)), tally.count(Figure.of("renewed", key)),
                    tally.count(Figure.of("reportedLost", key)), tally.count(Figure.of("reissued", key)),
                    tally.count(Figure.of("cancelled", key)), tally.count(Figure.of("expired", key)),
                    Totals.single(totals), totals, drill));
        }
        return new MembershipReport(query.from(), query.to(), query.knownAt(), tiers);
    }

    // ---- receivables (应收账款账龄) ----

    /** What the receivables report groups by. */
    static final Set<String> RECEIVABLE_GROUPS = Collections.unmodifiableSet(new TreeSet<>(Set.of("owner", "team",
            "branch", "customer")));
    /** The ageing buckets, by days past due at asOf: not yet due, 1–30, 31–60, 61–90, over 90. */
    static final List<String> AGEING = List.of("notYetDue", "days1to30", "days31to60", "days61to90", "over90");
    /** DSO looks at what was shipped in the last this many business days up to asOf. */
    static final int DSO_DAYS = 90;

    static String bucket(long daysPastDue) {
        return daysPastDue <= 0 ? "notYetDue" : daysPastDue <= 30 ? "days1to30" : daysPastDue <= 60 ? "days31to60"
                : daysPastDue <= 90 ? "days61to90" : "over90";
    }

    /**
     * One key (an owner, team, branch or customer) in one currency: what was open at asOf in each ageing bucket and in
     * all; the customers owing; what was shipped in the {@link #DSO_DAYS} days up to asOf and the DSO (days sales
     * outstanding: open ÷ shipped in those days × those days, one decimal; null when nothing was shipped then).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceivableRow(String key, String name, String currency, BigDecimal notYetDue, BigDecimal days1to30,
                         BigDecimal days31to60, BigDecimal days61to90, BigDecimal over90, BigDecimal total,
                         long customers, BigDecimal shipped, BigDecimal dso, Map<String, Object> drill) {
    }

    /** The report as one page (every row): rows per key and currency, and {@code summary} per currency. */
    record ReceivablesReport(Instant asOf, Instant knownAt, String by, int dsoDays, List<ReceivableRow> summary,
                             List<ReceivableRow> items, int page, int size, long total) {
    }

    /**
     * Open receivables at asOf (business time, as known at knownAt) by the customer's owner, its team or branch, or
     * the customer itself as they stood at asOf; aged by days past due on asOf's business day. Currencies are never
     * added: one row per key and currency. Each figure drills down to the shipments whose open amounts make it.
     */
    ReceivablesReport receivables(ReportQuery query, Tally tally) {
        Instant asOf = query.asOf();
        LocalDate day = zone.dayOf(asOf);
        Instant windowStart = zone.startOf(day.minusDays(DSO_DAYS - 1L));
        OrgChart chart = organisation(query);
        String by = query.by();
        Map<List<String>, BigDecimal> shipped = new HashMap<>();
        Map<List<String>, Set<UUID>> owing = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        each(query, timeline -> {
            Timeline.State state = timeline.at(asOf);
            if (state == null) {
                return;
            }
            String key = switch (by) {
                case "customer" -> timeline.customerId().toString();
                case "owner" -> state.owner == null ? NONE : state.owner;
                default -> {
                    String unit = unitKey(by, chart, state.owner, asOf);
                    yield unit == null ? NONE : unit;
                }
            };
            for (Timeline.Receivable receivable : timeline.receivables(asOf).values()) {
                String currency = receivable.currency();
                List<String> row = List.of(key, currency);
                if (!receivable.shipment().at().isBefore(windowStart)) {
                    shipped.merge(row, receivable.shipment().amount(), BigDecimal::add);
                }
                if (receivable.open().signum() <= 0) {
                    continue;
                }
                LocalDate dueOn = receivable.dueOn();
                long pastDue = receivable.daysPastDue(day);
                String bucket = bucket(pastDue);
                for (String figure : List.of(bucket, "total")) {
                    tally.receivable(new Figure(figure, key, currency), receivable.shipment(), state.owner,
                            receivable.open(), dueOn, pastDue);
                    tally.receivable(new Figure(figure, null, currency), receivable.shipment(), state.owner,
                            receivable.open(), dueOn, pastDue);
                }
                owing.computeIfAbsent(row, r -> new HashSet<>()).add(timeline.customerId());
            }
        });
        if (by.equals("customer")) {
            Set<UUID> ids = new HashSet<>();
            owing.keySet().forEach(row -> ids.add(UUID.fromString(row.get(0))));
            labels(ids).forEach((id, label) -> names.put(id.toString(), label.name()));
        } else if (!by.equals("owner")) {
            chart.units().forEach(unit -> names.put(unit.code(), unit.name()));
        }
        List<ReceivableRow> rows = new ArrayList<>();
        for (String key : tally.keys("total")) {
            for (String currency : tally.columns("total", key)) {
                List<String> row = List.of(key, currency);
                rows.add(receivableRow(query, tally, key, names.get(key), currency,
                        owing.getOrDefault(row, Set.of()).size(), shipped.get(row)));
            }
        }
        rows.sort(Comparator.comparing(ReceivableRow::currency).thenComparing(ReceivableRow::total,
                Comparator.reverseOrder()).thenComparing(ReceivableRow::key));
        List<ReceivableRow> summary = new ArrayList<>();
        for (String currency : new TreeSet<>(tally.columns("total", null))) {
            Set<UUID> customers = new HashSet<>();
            BigDecimal shippedIn = null;
            for (Map.Entry<List<String>, Set<UUID>> one : owing.entrySet()) {
                if (one.getKey().get(1).equals(currency)) {
                    customers.addAll(one.getValue());
                }
            }
            for (Map.Entry<List<String>, BigDecimal> one : shipped.entrySet()) {
                if (one.getKey().get(1).equals(currency)) {
                    shippedIn = shippedIn == null ? one.getValue() : shippedIn.add(one.getValue());
                }
            }
            summary.add(receivableRow(query, tally, null, null, currency, customers.size(), shippedIn));
        }
        return new ReceivablesReport(asOf, query.knownAt(), by, DSO_DAYS, summary, rows, 0, rows.size(), rows.size());
    }

    private static ReceivableRow receivableRow(ReportQuery query, Tally tally, String key, String name,
                                               String currency, long customers, BigDecimal shipped) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        Map<String, Object> drill = new LinkedHashMap<>();
        for (String figure : concat(AGEING, "total")) {
            Figure one = new Figure(figure, key, currency);
            sums.put(figure, tally.behind(one).stream().map(Tally.Item::amount).reduce(BigDecimal.ZERO,
                    BigDecimal::add).setScale(2, java.math.RoundingMode.UNNECESSARY));
            drill.put(figure, query.drill(one));
        }
        BigDecimal total = sums.get("total");
        BigDecimal dso = shipped == null || shipped.signum() <= 0 ? null
                : total.multiply(BigDecimal.valueOf(DSO_DAYS)).divide(shipped, 1, java.math.RoundingMode.HALF_UP);
        return new ReceivableRow(key, name, currency, sums.get("notYetDue"), sums.get("days1to30"),
                sums.get("days31to60"), sums.get("days61to90"), sums.get("over90"), total, customers,
                shipped == null ? null : shipped.setScale(2, java.math.RoundingMode.UNNECESSARY), dso, drill);
    }

    private static List<String> concat(List<String> figures, String last) {
        List<String> all = new ArrayList<>(figures);
        all.add(last);
        return all;
    }
}
