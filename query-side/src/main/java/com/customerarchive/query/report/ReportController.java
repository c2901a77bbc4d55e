package com.customerarchive.query.report;

import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.money.Amount;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports", description = "Management reports: grade migration, rep activity, lifecycle and churn, value, "
        + "referrals, statistics, complaint analysis and membership; every one also as text/csv (Accept: text/csv) and as an Excel workbook (Accept: "
        + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: typed cells, times in the business zone, "
        + "the header in the Accept-Language). "
        + "Every report is what the archive knew at knownAt (recording time, default now: a back-dated correction "
        + "recorded later never changes it); figures about events group by each attribute as it stood when the event "
        + "happened, figures about customers by the attribute as it stood at the end of the period (to, or asOf). "
        + "Every figure carries a drill link (in drill, beside the figures, same names) to GET /api/reports/drill.")
class ReportController {

    private static final String KNOWN_AT = "the report as the archive knew it at this instant of recording time "
            + "(default now; never in the future), the organisation included. unit: a unit's code, the report then "
            + "covers the customers whose owner was placed in that unit or below at the report's end (to, or asOf); "
            + "the activity report counts each event whose rep was in the unit when it happened (a team lead's view "
            + "of each rep). A unit outside the user's scope is 403 out-of-scope. Every report covers only the "
            + "customers in the user's scope";

    private final Reports reports;
    private final ReportQueries queries;
    private final RouteReports routes;
    private final com.customerarchive.platform.time.BusinessZone zone;
    private final java.time.Clock clock;

    ReportController(Reports reports, ReportQueries queries, RouteReports routes,
                     com.customerarchive.platform.time.BusinessZone zone, java.time.Clock clock) {
        this.reports = reports;
        this.queries = queries;
        this.routes = routes;
        this.zone = zone;
        this.clock = clock;
    }

    /** The week asked for (default this week in the business zone), as [Monday 00:00, next Monday 00:00). */
    private com.customerarchive.events.route.VisitWeek week(String week) {
        if (week == null) {
            return com.customerarchive.events.route.VisitWeek.of(zone.dayOf(clock.instant()));
        }
        return com.customerarchive.events.route.VisitWeek.parse(week).orElseThrow(() ->
                new InvalidRequestException("week", "an ISO week such as 2026-W49"));
    }

    @ReadsCustomers
    @GetMapping("/distribution")
    @Operation(summary = "Distribution rate per SKU per route or branch (铺市率; SALES its own routes, MANAGER)",
            description = "At asOf (default now; business time): outlets = customers on the route (or the branch's "
                    + "routes) then, archived ones left out; distributed = those whose last store check by asOf shows "
                    + "the SKU in stock (stock > 0); rate = distributed ÷ outlets in per cent, one decimal. One row per "
                    + "route (by=route, default) or branch (by=branch) and product of the catalogue as known at knownAt "
                    + "(a later rename does not change the names). Figures drill to the outlets. knownAt: " + KNOWN_AT
                    + ". As text/csv: one row per route and SKU.")
    RouteReports.DistributionReport distribution(@RequestParam(required = false) Instant asOf,
                                                 @RequestParam(required = false) Instant knownAt,
                                                 @RequestParam(required = false) String by,
                                                 @RequestParam(required = false) String unit) {
        return routes.distribution(queries.query("distribution", null, null, asOf, knownAt, by, null, null, false,
                unit), new Tally(), reports::each);
    }

    @ReadsCustomers
    @GetMapping("/route-week")
    @Operation(summary = "The rep's weekly report per route (业务周报), as the seed's form", description = "week: an "
            + "ISO week of the business zone (2026-W49; default this week), Monday 00:00 to Monday 00:00. One row per "
            + "route and rep (the outlet's owner when it happened): cases per SKU (delivered since the last check as "
            + "the week's store checks record it: the rep's sell-in, 进货), sellOut per SKU (sales derived from the "
            + "checks, 销货), visited (outlets called on: on site or with a store check), buyers (visited outlets that "
            + "took delivery or made a purchase, not cancelled, in the week), newOutlets (put on the route for the first time in the week), merchandised (生动化) and closeRate "
            + "(buyers ÷ visited, per cent). Counts drill to the outlets. knownAt: " + KNOWN_AT + ". As text/csv: one "
            + "row per route and rep, a column per SKU (cases.PET490 …).")
    RouteReports.WeekReport routeWeek(@RequestParam(required = false) String week,
                                      @RequestParam(required = false) Instant knownAt,
                                      @RequestParam(required = false) String unit) {
        var asked = week(week);
        return routes.routeWeek(queries.query("route-week", zone.startOf(asked.monday()),
                zone.endOf(asked.sunday()), null, knownAt, null, null, null, false, unit), new Tally(), reports::each);
    }

    @ReadsCustomers
    @GetMapping("/plan-adherence")
    @Operation(summary = "Plan adherence per route and rep (拜访计划执行)", description = "week as in route-week; its "
            + "week of the four-week cycle counts on from 2026-W01 (week 1) across years. due: outlets whose "
            + "visitWeeks hold it; made: due and called on in the week (any day of it; on site or with a store "
            + "check); missed: due, not called on; offPlan: called on without being due; adherence = made ÷ due in per cent. Each outlet on the route and under the rep it had at the "
            + "week's end. Counts drill to the outlets (missed: who was skipped). knownAt: " + KNOWN_AT + ".")
    RouteReports.AdherenceReport planAdherence(@RequestParam(required = false) String week,
                                               @RequestParam(required = false) Instant knownAt,
                                               @RequestParam(required = false) String unit) {
        var asked = week(week);
        return routes.planAdherence(queries.query("plan-adherence", zone.startOf(asked.monday()),
                zone.endOf(asked.sunday()), null, knownAt, null, null, null, false, unit), new Tally(), reports::each);
    }

    @ReadsCustomers
    @GetMapping("/trade-types")
    @Operation(summary = "Outlets per trade type per month, with the year's total (业种 · 月)", description = "year "
            + "(default this year in the business zone): for each month begun by knownAt, the outlets of each trade "
            + "type at the month's end (business zone; the current month as the archive stands), archived ones left "
            + "out; total: the outlets of that type at any month's end of the year. Names from the catalogue as known "
            + "at knownAt. knownAt: " + KNOWN_AT + ". As text/csv: one row per trade type, a column per month.")
    RouteReports.TradeTypeReport tradeTypes(@RequestParam(required = false) Integer year,
                                            @RequestParam(required = false) Instant knownAt,
                                            @RequestParam(required = false) String unit) {
        int asked = year == null ? zone.dayOf(clock.instant()).getYear() : year;
        if (asked < 2000 || asked > 2100) {
            throw new InvalidRequestException("year", "must be from 2000 to 2100");
        }
        return routes.tradeTypes(queries.query("trade-types", zone.startOf(java.time.LocalDate.of(asked, 1, 1)),
                zone.startOf(java.time.LocalDate.of(asked + 1, 1, 1)), null, knownAt, null, null, null, false, unit),
                new Tally(), reports::each);
    }

    @GetMapping("/lifecycle")
    @Operation(summary = "Customers by lifecycle stage, and how many are at risk (生命周期, 流失预警)",
            description = "PROSPECT (no purchase), FIRST_PURCHASE, REPEAT, LOYAL (a purchase in each of the four "
                    + "calendar quarters before asOf's), LOST (archived after buying); judged at asOf (default now), "
                    + "owner (ownerId) as it stood then. knownAt: " + KNOWN_AT + ".")
    Reports.LifecycleReport lifecycle(@RequestParam(required = false) Instant asOf,
                                      @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit,
                                      @RequestParam(required = false) String ownerId) {
        return reports.lifecycle(queries.query("lifecycle", null, null, asOf, knownAt, null, ownerId, null, false, unit), new Tally());
    }

    @ReadsCustomers
    @GetMapping("/at-risk")
    @Operation(summary = "Buying customers at risk of leaving, longest without a purchase first (流失预警)",
            description = "At risk: a full year without a purchase, or overdue by twice the grade's cadence; reason "
                    + "says which. Judged at asOf (default now); knownAt: " + KNOWN_AT + ".")
    List<Reports.AtRisk> atRisk(@RequestParam(required = false) Instant asOf,
                                @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit,
                                @RequestParam(required = false) String ownerId) {
        return reports.atRisk(queries.query("at-risk", null, null, asOf, knownAt, null, ownerId, null, false, unit), new Tally());
    }

    @ReadsCustomers
    @GetMapping("/value")
    @Operation(summary = "Customers ranked by value (客户价值)", description = "value.score 0–100: purchase total, "
            + "purchases in the last year, tenure and referrals, each ranked against the whole archive and weighted "
            + "(archive.value.weights), judged at asOf (default now). Money is never added across currencies: totals "
            + "lists the purchases per currency (purchaseTotal only while they are in one); the score ranks "
            + "value.scoredTotal, the totals converted to archive.money.base-currency (CNY) with the rates named in "
            + "value.rates (archive.money.rates); an amount in a currency without a rate is left out of the score and "
            + "named in value.excludedCurrencies. Ties: the higher scoredTotal first. top: how many (default 100, at "
            + "most 1000). Archived customers are left out of the ranking unless archived=true (they still count in the "
            + "archive the scores are ranked against). drill.purchases lists the purchases counted. knownAt: " + KNOWN_AT + ". As text/csv: one "
            + "row per currency (column currency, each money list's amount in it).")
    List<Reports.Ranked> value(@RequestParam(required = false) Instant asOf,
                               @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit,
                               @RequestParam(required = false) String ownerId,
                               @RequestParam(defaultValue = "100") int top,
                               @RequestParam(defaultValue = "false") boolean archived) {
        if (top < 1 || top > 1000) {
            throw new InvalidRequestException("top", "must be from 1 to 1000");
        }
        return reports.value(queries.query("value", null, null, asOf, knownAt, null, ownerId, top, archived, unit),
                new Tally());
    }

    @ReadsCustomers
    @GetMapping("/referrals")
    @Operation(summary = "Referrers ranked by the customers they brought (转介绍)", description = "referred: customers "
            + "registered in [from, to) naming them as referrer at to; totals: what those customers bought by to, per "
            + "currency (cancelled purchases left out); referredPurchaseTotal: the same number while it is in one "
            + "currency, left out when there are several. Ranked by referred, then by ranked.total, the totals "
            + "converted to archive.money.base-currency with ranked.rates, ranked.excludedCurrencies (no rate) left "
            + "out. from: default since ever; to: default now. knownAt: " + KNOWN_AT + ". As text/csv: one row per "
            + "currency.")
    List<Reports.Referral> referrals(@RequestParam(required = false) Instant from,
                                     @RequestParam(required = false) Instant to,
                                     @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit) {
        return reports.referrals(queries.query("referrals", from, to, null, knownAt, null, null, null, false, unit), new Tally());
    }

    @GetMapping("/statistics")
    @Operation(summary = "Customers and what happened to them, by a dimension (统计)", description = "by: source, "
            + "province, city, industry, grade, tier, nature, owner, lifecycle, team or branch (the unit its owner was "
            + "placed in when it happened, as the organisation was known at knownAt). customers: registered before to, "
            + "under their key at to; newCustomers: those registered within [from, to); visits, purchases and "
            + "complaints: within [from, to), each under the key its customer had when it happened. totals: the "
            + "purchases' amounts per currency, never added across currencies (purchaseTotal, the former single "
            + "number, only while every amount is in one currency). knownAt: " + KNOWN_AT + ". As text/csv: one row "
            + "per key and currency (columns currency and totals).")
    List<Reports.Statistics> statistics(@RequestParam Instant from, @RequestParam Instant to, @RequestParam String by,
                                        @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit) {
        return reports.statistics(queries.query("statistics", from, to, null, knownAt, by, null, null, false, unit), new Tally());
    }

    @GetMapping("/complaints")
    @Operation(summary = "Complaints analysed by a dimension (留档分析)", description = "by: category, severity, "
            + "responsibility, owner, team or branch; each complaint as it stood at to. filed and resolved within [from, to); "
            + "breached: open past its target at to (one resolved after to was open then), or resolved late, the "
            + "target counted from its (re)opening; median hours from filing to resolution and average satisfaction "
            + "of those resolved. By owner (team, branch): the customer's owner (its unit) when the complaint was filed, resolved or "
            + "breached. "
            + "knownAt: " + KNOWN_AT + ".")
    List<Reports.ComplaintAnalysis> complaints(@RequestParam Instant from, @RequestParam Instant to,
                                               @RequestParam String by,
                                               @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit) {
        return reports.complaints(queries.query("complaints", from, to, null, knownAt, by, null, null, false, unit), new Tally());
    }

    @GetMapping("/grade-migration")
    @Operation(summary = "How customers moved between grades", description = "matrix[g1][g2]: customers with grade "
            + "g1 at from and g2 at to (by occurredAt); entered[g]: customers registered in between, by grade at to. "
            + "from and to: instants or dates. knownAt: " + KNOWN_AT + ".")
    Reports.Migration gradeMigration(@RequestParam Instant from, @RequestParam Instant to,
                                     @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit) {
        return reports.gradeMigration(queries.query("grade-migration", from, to, null, knownAt, null, null, null, false, unit), new Tally());
    }

    @GetMapping("/activity")
    @Operation(summary = "What happened to each rep's customers in a period", description = "Visits per owner and "
            + "method, complaints filed and resolved, grades moved up (towards A) and down; by occurredAt, each under "
            + "the owner of its customer when it happened. from and to: instants or dates. knownAt: " + KNOWN_AT + ".")
    Reports.Activity activity(@RequestParam Instant from, @RequestParam Instant to,
                              @RequestParam(required = false) String ownerId,
                              @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit) {
        return reports.activity(queries.query("activity", from, to, null, knownAt, null, ownerId, null, false, unit), new Tally());
    }

    @GetMapping("/membership")
    @Operation(summary = "Membership cards per tier in a period", description = "issued, renewed, reportedLost, "
            + "reissued, cancelled within [from, to), under the card's tier when each happened; expired: cards live "
            + "at to whose end date fell in the period; totals: the fees of issues, renewals and reissues per "
            + "currency (a fee is recorded in CNY), fees: the same number while it is in one currency. knownAt: "
            + KNOWN_AT + ". As text/csv: one row per tier and currency.")
    Reports.MembershipReport membership(@RequestParam Instant from, @RequestParam Instant to,
                                        @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit) {
        return reports.membership(queries.query("membership", from, to, null, knownAt, null, null, null, false, unit), new Tally());
    }

    @ReadsCustomers
    @GetMapping("/receivables")
    @Operation(summary = "Receivables by age (应收账款账龄): by owner, team, branch or customer, with DSO (MANAGER, "
            + "FINANCE)", description = "What was open at asOf (default now; business time: shipped, collected and "
            + "reversed by then) aged by days past due on asOf's business day: notYetDue, days1to30, days31to60, "
            + "days61to90, over90, and total; one row per key and currency (amounts in different currencies are never "
            + "added), summary: the same per currency for all. by: owner (default), team, branch or customer, as the "
            + "customer stood at asOf. customers: how many owe; shipped: shipped in the dsoDays (90) business days up to "
            + "asOf; dso = total ÷ shipped × 90, one decimal (null when nothing was shipped). Every figure has a drill "
            + "link listing the shipments whose open amounts make it (amount = what was open, dueOn, daysPastDue). "
            + "knownAt: " + KNOWN_AT + ". In the user's scope (finance: its branch). As text/csv: one row per key and "
            + "currency.")
    Reports.ReceivablesReport receivables(@RequestParam(required = false) Instant asOf,
                                          @RequestParam(required = false) Instant knownAt,
                                          @RequestParam(required = false) String by,
                                          @RequestParam(required = false) String unit) {
        return reports.receivables(queries.query("receivables", null, null, asOf, knownAt, by, null, null, false,
                unit), new Tally());
    }

    /** One page of what is behind a figure. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DrillPage(String report, String figure, String key, String column, Instant knownAt, String kind, long total,
                     List<Amount> totals, List<Tally.Item> items, int page, int size) {
    }

    /** The figures each report's drill-down can open, by their names in the report's drill links. */
    private static final Map<String, Set<String>> FIGURES = Map.ofEntries(
            Map.entry("lifecycle", Set.of("stages", "atRisk")),
            Map.entry("at-risk", Set.of("customers")),
            Map.entry("value", Set.of("purchases")),
            Map.entry("referrals", Set.of("referred", "totals")),
            Map.entry("statistics", Set.of("customers", "newCustomers", "visits", "purchases", "complaints", "totals")),
            Map.entry("complaints", Set.of("filed", "resolved", "breached")),
            Map.entry("grade-migration", Set.of("matrix", "entered")),
            Map.entry("activity", Set.of("visits", "visitsByMethod", "complaintsFiled", "complaintsResolved", "gradeUps",
                    "gradeDowns")),
            Map.entry("membership", Set.of("issued", "renewed", "reportedLost", "reissued", "cancelled", "expired", "fees")),
            Map.entry("receivables", Set.of("notYetDue", "days1to30", "days31to60", "days61to90", "over90", "total")),
            Map.entry("distribution", Set.of("outlets", "distributed")),
            Map.entry("route-week", Set.of("visited", "buyers", "newOutlets", "merchandised")),
            Map.entry("plan-adherence", Set.of("due", "made", "missed", "offPlan")),
            Map.entry("trade-types", Set.of("customers", "total")));

    private static final Set<String> SORTS = Set.of("occurredAt", "-occurredAt", "name", "-name", "customerId",
            "amount", "-amount");

    @ReadsCustomers
    @GetMapping("/drill")
    @Operation(summary = "The customers or events behind one figure of a report (drill-down)", description = "Opened "
            + "from a report's drill link: report, the report's own parameters (the same period, knownAt, by, ownerId, "
            + "top), figure, key (the row) and column (a second key: the grade at to in the grade matrix, a visit "
            + "method, a currency). kind: customers (items: customerId, name, ownerId, grade) or events (items: "
            + "customerId, name, sequence, type, occurredAt, amount and currency for money). total always equals the "
            + "figure it was opened from; totals adds up the amounts per currency where the figure is money. page "
            + "(from 0), size (default 50, at most 500), sort: occurredAt, -occurredAt, name, -name, customerId, "
            + "amount, -amount. As text/csv: every row, one per item.")
    DrillPage drill(@RequestParam String report, @RequestParam String figure,
                    @RequestParam(required = false) String key, @RequestParam(required = false) String column,
                    @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                    @RequestParam(required = false) Instant asOf, @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String unit,
                    @RequestParam(required = false) String by, @RequestParam(required = false) String ownerId,
                    @RequestParam(required = false) Integer top,
                    @RequestParam(defaultValue = "false") boolean archived, @RequestParam(defaultValue = "0") int page,
                    @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String sort,
                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportQueries.requireOneOf("report", report, ReportQuery.REPORTS);
        ReportQueries.requireOneOf("figure", figure, FIGURES.get(report));
        var roles = com.customerarchive.platform.security.Roles.of(
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
        boolean mayDrill = roles.contains(com.customerarchive.platform.security.Role.MANAGER)
                || roles.contains(com.customerarchive.platform.security.Role.ADMIN)
                || (report.equals("receivables") && roles.contains(com.customerarchive.platform.security.Role.FINANCE))
                || (ReportQuery.ROUTE_REPORTS.contains(report)
                        && roles.contains(com.customerarchive.platform.security.Role.SALES));
        if (!mayDrill) {
            // finance reads the money reports, a rep its route reports, not the others' figures
            throw new com.customerarchive.platform.web.ForbiddenException("forbidden", "Forbidden",
                    "Your role may not do this.");
        }
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw new InvalidRequestException("size", "must be from 1 to 500");
        }
        if (sort != null) {
            ReportQueries.requireOneOf("sort", sort, SORTS);
        }
        ReportQuery query = queries.query(report, from, to, asOf, knownAt, by, ownerId, top, archived, unit);
        Tally tally = new Tally();
        reports.run(query, tally);
        Tally.Figure opened = new Tally.Figure(figure, key, column);
        List<Tally.Item> behind = tally.behind(opened);
        boolean events = behind.stream().anyMatch(item -> item.sequence() != null);
        boolean everyRow = com.customerarchive.platform.web.Exports.asked(accept);
        Map<UUID, Timelines.Label> labels = reports.labels(behind.stream().map(Tally.Item::customerId).toList());
        List<Tally.Item> sorted = behind.stream().map(item -> item.labelled(labels.getOrDefault(item.customerId(),
                        Timelines.Label.NONE)))
                .sorted(order(sort != null ? sort : events ? "occurredAt" : "name")).toList();
        int first = everyRow ? 0 : (int) Math.min((long) page * size, sorted.size());
        int last = everyRow ? sorted.size() : Math.min(first + size, sorted.size());
        List<Amount> totals = tally.totals(opened);
        return new DrillPage(report, figure, key, column, query.knownAt(), events ? "events" : "customers",
                behind.size(), totals.isEmpty() ? null : totals, sorted.subList(first, last), everyRow ? 0 : page,
                everyRow ? sorted.size() : size);
    }

    private static Comparator<Tally.Item> order(String sort) {
        Comparator<Tally.Item> byId = Comparator.comparing(Tally.Item::customerId)
                .thenComparing(item -> item.sequence() == null ? 0L : item.sequence());
        Comparator<Tally.Item> chosen = switch (sort.startsWith("-") ? sort.substring(1) : sort) {
            case "occurredAt" -> Comparator.comparing(Tally.Item::occurredAt,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            case "name" -> Comparator.comparing(Tally.Item::name, Comparator.nullsLast(Comparator.naturalOrder()));
            case "amount" -> Comparator.comparing(Tally.Item::amount, Comparator.nullsFirst(Comparator.naturalOrder()));
            default -> byId;
        };
        return (sort.startsWith("-") ? chosen.reversed() : chosen).thenComparing(byId);
    }
}
