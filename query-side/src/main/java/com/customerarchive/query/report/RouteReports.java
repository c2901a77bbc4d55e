package com.customerarchive.query.report;

import com.customerarchive.events.CustomerStatus;
import com.customerarchive.events.route.Catalogue;
import com.customerarchive.events.route.VisitWeek;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.report.Tally.Figure;
import com.customerarchive.query.route.Catalogues;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The route card's reports (客户卡运用及管理), folded from the same timelines as every report (what was known at
 * knownAt, in business time, weeks and months of the business zone): the distribution rate per SKU (铺市率), the rep's
 * weekly report as the seed's form, plan adherence (visits made against the four-week cycle) and trade types by month.
 * Each outlet counts on the route it was on, under the rep who owned it, when each thing happened.
 */
@Component
class RouteReports {

    /** What the distribution report groups by. */
    static final Set<String> DISTRIBUTION_GROUPS = Collections.unmodifiableSet(new TreeSet<>(Set.of("route",
            "branch")));

    private final Catalogues catalogues;
    private final BusinessZone zone;

    RouteReports(Catalogues catalogues, BusinessZone zone) {
        this.catalogues = catalogues;
        this.zone = zone;
    }

    /** A product as the report names it: the catalogue as known at the report's knownAt. */
    record Product(String sku, String nameZh, String nameEn, String unit) {
    }

    private List<Product> products(ReportQuery query) {
        return catalogues.knownAt(query.knownAt()).products().stream()
                .map(p -> new Product(p.sku(), p.nameZh(), p.nameEn(), p.unit())).toList();
    }

    /** A percentage with one decimal; null when there is nothing to divide by. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }

    /**
     * A call on the outlet as the route card counts it: a visit on site, or any visit that carries a store check (a phone
     * call or a mail is a contact, not a call on the route).
     */
    static boolean storeVisit(Fact fact) {
        return fact.type().equals(Fact.VISIT) && ("ON_SITE_VISIT".equals(fact.text(Fact.METHOD)) || fact.has(Fact.CHECK));
    }

    /** The key of a route and a rep in the weekly and adherence reports' figures. */
    static String routeKey(String routeNo, String rep) {
        return routeNo + "/" + (rep == null ? Reports.NONE : rep);
    }

    // ---- distribution rate (铺市率) ----

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DistributionRow(String key, String branch, String sku, String nameZh, String nameEn, long outlets,
                           long distributed, BigDecimal rate, Map<String, Object> drill) {
    }

    record DistributionReport(Instant asOf, Instant knownAt, String by, List<Product> products,
                              List<DistributionRow> items, int page, int size, long total) {
    }

    /**
     * Per route (or branch) and SKU at asOf: the outlets on it then (archived ones left out) and those whose last store
     * check by then shows the SKU in stock; rate = distributed ÷ outlets, in per cent.
     */
    DistributionReport distribution(ReportQuery query, Tally tally, BiConsumer<ReportQuery, Consumer<Timeline>> each) {
        Instant asOf = query.asOf();
        List<Product> products = products(query);
        Map<String, String> branches = new HashMap<>();
        each.accept(query, timeline -> {
            Timeline.State state = timeline.at(asOf);
            if (state == null || state.route == null || state.status == CustomerStatus.ARCHIVED) {
                return;
            }
            String key = query.by().equals("branch") ? orNone(state.branch()) : state.routeNo();
            branches.putIfAbsent(key, state.branch());
            tally.customer(Figure.of("outlets", key), timeline.customerId(), state);
            for (Product product : products) {
                tally.zero(new Figure("distributed", key, product.sku()));
            }
            if (state.lastCheck != null) {
                for (JsonNode line : state.lastCheck.facts().get(Fact.CHECK)) {
                    if (line.get(Fact.STOCK).decimalValue().signum() > 0) {
                        tally.customer(new Figure("distributed", key, line.get(Fact.SKU).asText()),
                                timeline.customerId(), state);
                    }
                }
            }
        });
        List<DistributionRow> rows = new ArrayList<>();
        for (String key : new TreeSet<>(tally.keys("outlets"))) {
            Figure outlets = Figure.of("outlets", key);
            long onRoute = tally.count(outlets);
            for (Product product : products) {
                Figure distributed = new Figure("distributed", key, product.sku());
                long inStock = tally.count(distributed);
                Map<String, Object> drill = new LinkedHashMap<>();
                drill.put("outlets", query.drill(outlets));
                drill.put("distributed", query.drill(distributed));
                rows.add(new DistributionRow(key, query.by().equals("branch") ? null : branches.get(key),
                        product.sku(), product.nameZh(), product.nameEn(), onRoute, inStock,
                        percent(inStock, onRoute), drill));
            }
        }
        return new DistributionReport(asOf, query.knownAt(), query.by(), products, rows, 0, rows.size(),
                rows.size());
    }

    // ---- the rep's weekly report (业务周报) ----

    /**
     * One route and rep in the week, as the seed's form: cases per SKU (what the store checks record as delivered since
     * the last check: the rep's sell-in, 进货), sellOut per SKU (sales derived from the checks, 销货), outlets visited
     * (called on: on site, or with a store check), actual buyers (visited outlets that took delivery or made a purchase,
     * not cancelled, in the week), new outlets (put on the route in the week), merchandised outlets (生动化) and the close
     * rate (buyers ÷ visited). Every route and rep with an outlet at the week's end has its row.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WeekRow(String routeNo, String branch, String rep, Map<String, BigDecimal> cases,
                   Map<String, BigDecimal> sellOut, long visited, long buyers, long newOutlets, long merchandised,
                   BigDecimal closeRate, Map<String, Object> drill) {
    }

    record WeekReport(String week, Instant from, Instant to, Instant knownAt, List<Product> products,
                      List<WeekRow> items, int page, int size, long total) {
    }

    WeekReport routeWeek(ReportQuery query, Tally tally, BiConsumer<ReportQuery, Consumer<Timeline>> each) {
        List<Product> products = products(query);
        Map<String, Map<String, BigDecimal>> cases = new HashMap<>();
        Map<String, Map<String, BigDecimal>> sellOut = new HashMap<>();
        Map<String, String[]> names = new HashMap<>();
        Instant end = Reports.before(query.to());
        each.accept(query, timeline -> {
            // every route and rep of the week has its row, a rep who called on nobody too
            Timeline.State atEnd = timeline.at(end);
            if (atEnd != null && atEnd.route != null && atEnd.status != CustomerStatus.ARCHIVED) {
                names.putIfAbsent(routeKey(atEnd.routeNo(), atEnd.owner),
                        new String[]{atEnd.routeNo(), atEnd.branch(), atEnd.owner});
            }
            // a purchase counts unless it was cancelled (booked in error)
            Set<Long> purchases = new java.util.HashSet<>();
            timeline.purchases().forEach(purchase -> purchases.add(purchase.sequence()));
            Set<String> routesBefore = new java.util.HashSet<>();
            timeline.walk(end, (fact, state) -> {
                boolean inWeek = !fact.at().isBefore(query.from());
                if (fact.type().equals(Fact.ROUTE_ASSIGNED) && state.route != null) {
                    String routeNo = state.routeNo();
                    if (routesBefore.add(routeNo) && inWeek) {
                        String key = routeKey(routeNo, state.owner);
                        names.putIfAbsent(key, new String[]{routeNo, state.branch(), state.owner});
                        tally.customer(Figure.of("newOutlets", key), timeline.customerId(), state);
                    }
                    return;
                }
                if (!inWeek || state.route == null) {
                    return;
                }
                String key = routeKey(state.routeNo(), state.owner);
                if (storeVisit(fact)) {
                    names.putIfAbsent(key, new String[]{state.routeNo(), state.branch(), state.owner});
                    tally.customer(Figure.of("visited", key), timeline.customerId(), state);
                    if (fact.has(Fact.CHECK)) {
                        for (JsonNode line : fact.facts().get(Fact.CHECK)) {
                            String sku = line.get(Fact.SKU).asText();
                            BigDecimal delivered = line.get(Fact.DELIVERED).decimalValue();
                            cases.computeIfAbsent(key, k -> new TreeMap<>()).merge(sku, delivered, BigDecimal::add);
                            if (line.has(Fact.SOLD)) {
                                sellOut.computeIfAbsent(key, k -> new TreeMap<>()).merge(sku,
                                        line.get(Fact.SOLD).decimalValue(), BigDecimal::add);
                            }
                            if (delivered.signum() > 0) {
                                tally.customer(Figure.of("buyers", key), timeline.customerId(), state);
                            }
                            if (line.get(Fact.MERCHANDISED).asBoolean()) {
                                tally.customer(Figure.of("merchandised", key), timeline.customerId(), state);
                            }
                        }
                    }
                } else if (fact.type().equals(Fact.PURCHASE) && purchases.contains(fact.sequence())) {
                    tally.customer(Figure.of("purchased", key), timeline.customerId(), state);
                }
            });
        });
        // a buyer was visited in the week: one that bought without a visit is not counted among the visited's buyers
        for (String key : tally.keys("purchased")) {
            Set<java.util.UUID> visited = new LinkedHashSet<>();
            tally.behind(Figure.of("visited", key)).forEach(item -> visited.add(item.customerId()));
            for (Tally.Item bought : tally.behind(Figure.of("purchased", key))) {
                if (visited.contains(bought.customerId())) {
                    tally.customer(Figure.of("buyers", key), bought.customerId(), null);
                }
            }
        }
        List<WeekRow> rows = new ArrayList<>();
        for (String key : new TreeSet<>(names.keySet())) {
            String[] name = names.get(key);
            Map<String, BigDecimal> caseRow = new LinkedHashMap<>();
            Map<String, BigDecimal> sellRow = new LinkedHashMap<>();
            for (Product product : products) {
                caseRow.put(product.sku(), cases.getOrDefault(key, Map.of()).getOrDefault(product.sku(),
                        BigDecimal.ZERO));
                sellRow.put(product.sku(), sellOut.getOrDefault(key, Map.of()).getOrDefault(product.sku(),
                        BigDecimal.ZERO));
            }
            Map<String, Object> drill = new LinkedHashMap<>();
            for (String figure : List.of("visited", "buyers", "newOutlets", "merchandised")) {
                drill.put(figure, query.drill(Figure.of(figure, key)));
            }
            long visited = tally.count(Figure.of("visited", key));
            long buyers = tally.count(Figure.of("buyers", key));
            rows.add(new WeekRow(name[0], name[1], name[2], caseRow, sellRow, visited, buyers,
                    tally.count(Figure.of("newOutlets", key)), tally.count(Figure.of("merchandised", key)),
                    percent(buyers, visited), drill));
        }
        return new WeekReport(VisitWeek.of(zone.dayOf(query.from())).toString(), query.from(), query.to(),
                query.knownAt(), products, rows, 0, rows.size(), rows.size());
    }

    // ---- plan adherence (拜访计划执行) ----

    /**
     * One route and rep in the week: outlets due (their visit weeks hold the week of the cycle), made (due and visited
     * in the week), missed (due, not visited), offPlan (visited in the week without being due) and adherence
     * (made ÷ due), each outlet on the route and under the rep it had at the week's end.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AdherenceRow(String routeNo, String branch, String rep, long due, long made, long missed, long offPlan,
                        BigDecimal adherence, Map<String, Object> drill) {
    }

    record AdherenceReport(String week, int cycleWeek, Instant from, Instant to, Instant knownAt,
                           List<AdherenceRow> items, int page, int size, long total) {
    }

    AdherenceReport planAdherence(ReportQuery query, Tally tally,
                                  BiConsumer<ReportQuery, Consumer<Timeline>> each) {
        VisitWeek week = VisitWeek.of(zone.dayOf(query.from()));
        int cycleWeek = week.cycleWeek();
        Map<String, String[]> names = new HashMap<>();
        Instant end = Reports.before(query.to());
        each.accept(query, timeline -> {
            Timeline.State state = timeline.at(end);
            if (state == null || state.route == null || state.status == CustomerStatus.ARCHIVED) {
                return;
            }
            boolean visited = timeline.events(Fact.VISIT).stream().filter(RouteReports::storeVisit)
                    .anyMatch(visit -> !visit.at().isBefore(query.from()) && visit.at().isBefore(query.to()));
            boolean due = state.visitedInCycleWeek(cycleWeek);
            String key = routeKey(state.routeNo(), state.owner);
            names.putIfAbsent(key, new String[]{state.routeNo(), state.branch(), state.owner});
            for (String figure : List.of("due", "made", "missed", "offPlan")) {
                tally.zero(Figure.of(figure, key));
            }
            if (due) {
                tally.customer(Figure.of("due", key), timeline.customerId(), state);
                tally.customer(Figure.of(visited ? "made" : "missed", key), timeline.customerId(), state);
            } else if (visited) {
                tally.customer(Figure.of("offPlan", key), timeline.customerId(), state);
            }
        });
        List<AdherenceRow> rows = new ArrayList<>();
        for (String key : new TreeSet<>(names.keySet())) {
            String[] name = names.get(key);
            Map<String, Object> drill = new LinkedHashMap<>();
            for (String figure : List.of("due", "made", "missed", "offPlan")) {
                drill.put(figure, query.drill(Figure.of(figure, key)));
            }
            long due = tally.count(Figure.of("due", key));
            long made = tally.count(Figure.of("made", key));
            rows.add(new AdherenceRow(name[0], name[1], name[2], due, made, tally.count(Figure.of("missed", key)),
                    tally.count(Figure.of("offPlan", key)), percent(made, due), drill));
        }
        return new AdherenceReport(week.toString(), cycleWeek, query.from(), query.to(), query.knownAt(), rows, 0,
                rows.size(), rows.size());
    }

    // ---- trade types by month (业种 · 月) ----

    /**
     * One trade type: the outlets of that type at each month's end (archived ones left out; a month not yet ended at
     * knownAt counts as the archive stands at knownAt, a month not yet begun is absent) and, for the year, the outlets
     * that were of that type at any of those ends.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TradeTypeRow(String code, String nameZh, String nameEn, String channel, Map<String, Long> months,
                        long total, Map<String, Object> drill) {
    }

    record TradeTypeReport(int year, Instant knownAt, List<TradeTypeRow> items, int page, int size, long total) {
    }

    TradeTypeReport tradeTypes(ReportQuery query, Tally tally, BiConsumer<ReportQuery, Consumer<Timeline>> each) {
        int year = zone.dayOf(query.from()).getYear();
        Catalogue catalogue = catalogues.knownAt(query.knownAt());
        List<YearMonth> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            YearMonth one = YearMonth.of(year, month);
            if (zone.startOf(one.atDay(1)).isAfter(query.knownAt())) {
                break;
            }
            months.add(one);
        }
        each.accept(query, timeline -> {
            for (YearMonth month : months) {
                Instant monthEnd = Reports.before(zone.startOf(month.plusMonths(1).atDay(1)));
                Timeline.State state = timeline.at(monthEnd.isAfter(query.knownAt()) ? query.knownAt() : monthEnd);
                if (state == null || state.tradeType == null || state.status == CustomerStatus.ARCHIVED) {
                    continue;
                }
                tally.customer(new Figure("customers", state.tradeType, month.toString()), timeline.customerId(),
                        state);
                tally.customer(Figure.of("total", state.tradeType), timeline.customerId(), state);
            }
        });
        Set<String> codes = new LinkedHashSet<>();
        catalogue.tradeTypes().forEach(type -> codes.add(type.code()));
        codes.addAll(new TreeSet<>(tally.keys("total")));
        List<TradeTypeRow> rows = new ArrayList<>();
        for (String code : codes) {
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Object> drill = new LinkedHashMap<>();
            for (YearMonth month : months) {
                Figure figure = new Figure("customers", code, month.toString());
                counts.put(month.toString(), tally.count(figure));
                drill.put(month.toString(), query.drill(figure));
            }
            drill.put("total", query.drill(Figure.of("total", code)));
            var type = catalogue.tradeType(code);
            rows.add(new TradeTypeRow(code, type.map(Catalogue.TradeType::nameZh).orElse(null),
                    type.map(Catalogue.TradeType::nameEn).orElse(null),
                    type.map(Catalogue.TradeType::channel).orElse(null), counts,
                    tally.count(Figure.of("total", code)), drill));
        }
        rows.sort(Comparator.comparing(TradeTypeRow::code));
        return new TradeTypeReport(year, query.knownAt(), rows, 0, rows.size(), rows.size());
    }

    private static String orNone(String value) {
        return value == null ? Reports.NONE : value;
    }
}
