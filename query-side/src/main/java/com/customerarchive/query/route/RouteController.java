package com.customerarchive.query.route;

import com.customerarchive.events.route.Route;
import com.customerarchive.events.route.VisitWeek;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.profile.ProfileState;
import com.customerarchive.query.profile.RouteBook;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A route's outlets in order, and who is due in a week of the four-week visit cycle (访周次). */
@RestController
@Tag(name = "routes", description = "The route-sales card (客户卡运用及管理): a route's outlets and its plan")
class RouteController {

    private final RouteBook routes;
    private final CustomerScope scope;
    private final BusinessZone zone;
    private final java.time.Clock clock;

    private final StoreChecks checks;
    private final Catalogues catalogues;

    RouteController(RouteBook routes, CustomerScope scope, BusinessZone zone, java.time.Clock clock,
                    StoreChecks checks, Catalogues catalogues) {
        this.checks = checks;
        this.catalogues = catalogues;
        this.routes = routes;
        this.scope = scope;
        this.zone = zone;
        this.clock = clock;
    }

    record Outlet(int sequence, UUID customerId, String name, String code, String ownerId, String branch,
                  List<Integer> visitWeeks, DayOfWeek weekday, String tradeType, Instant lastVisitAt) {
    }

    record RouteView(String routeNo, List<Outlet> outlets) {
    }

    record Due(LocalDate date, int sequence, UUID customerId, String name, String ownerId, String tradeType,
               boolean visited) {
    }

    record Plan(String routeNo, String week, int cycleWeek, LocalDate from, LocalDate to, List<Due> due) {
    }

    @ReadsCustomers
    @GetMapping("/api/routes/{routeNo}")
    @Operation(summary = "A route's outlets in order (路号 · 序号)", description = "Each outlet with its visit weeks, "
            + "weekday, trade type and last visit; in the user's scope.")
    RouteView route(@PathVariable String routeNo) {
        return new RouteView(routeNo, routes.outlets(routeNo, scope.scope().ownersOrNull()).stream()
                .map(RouteController::outlet).toList());
    }

    @ReadsCustomers
    @GetMapping("/api/routes/{routeNo}/plan")
    @Operation(summary = "Who is due on the route in a week (拜访计划)", description = "week: an ISO week of the business "
            + "zone, e.g. 2026-W49 (default this week). Its week of the four-week cycle counts on from 2026-W01 (week 1) across years: ((ISO week − 1) mod 4) + 1 within 2026; "
            + "due: the outlets whose visitWeeks hold it (archived ones left out), on their weekday, in route order; "
            + "visited: called on in that week (business days Monday to Sunday): a visit on site or with a store check.")
    Plan plan(@PathVariable String routeNo, @RequestParam(required = false) String week) {
        VisitWeek asked = week(week);
        LocalDate monday = asked.monday();
        int cycleWeek = asked.cycleWeek();
        Instant from = zone.startOf(monday);
        Instant to = zone.endOf(asked.sunday());
        List<ProfileState> onRoute = routes.outlets(routeNo, scope.scope().ownersOrNull()).stream()
                .filter(state -> state.status() != com.customerarchive.events.CustomerStatus.ARCHIVED
                        && state.route().visitWeeks().contains(cycleWeek))
                .toList();
        var called = checks.calledOn(onRoute.stream().map(ProfileState::customerId).toList(), from, to);
        List<Due> due = onRoute.stream()
                .map(state -> new Due(monday.plusDays(state.route().weekday().getValue() - 1L), state.route().sequence(),
                        state.customerId(), state.name(), state.ownerId(), state.tradeType(),
                        called.contains(state.customerId())))
                .toList();
        return new Plan(routeNo, asked.toString(), cycleWeek, monday, asked.sunday(), due);
    }

    record CardProduct(String sku, String nameZh, String nameEn, String unit) {
    }

    record CardOutlet(int sequence, UUID customerId, String code, String name, com.customerarchive.events.Grade grade,
                      String ownerId, String tradeType, String tradeTypeNameZh, String tradeTypeNameEn,
                      List<Integer> visitWeeks, DayOfWeek weekday, List<StoreChecks.Check> checks) {
    }

    record Card(String routeNo, String branch, List<String> weeks, List<Integer> cycleWeeks, List<CardProduct> products,
                List<CardOutlet> outlets) {
    }

    @ReadsCustomers
    @GetMapping("/api/routes/{routeNo}/card")
    @Operation(summary = "The route card as the seed's form prints it (客户卡): header, outlets, the store check grid",
            description = "week: the last week shown (ISO week of the business zone, default this week); weeks: how "
                    + "many weeks up to it (1–8, default 4). branch (所别) of the first outlet; each outlet in route "
                    + "order (序号) with its code (客户编号), name, grade (客户分级), trade type (业种, named from the "
                    + "catalogue), visit weeks (访周次) and weekday, and its store checks in those weeks: visitNo, at, "
                    + "week and per SKU stock (存), delivered (进), sold (销; none at the SKU's first check) and "
                    + "merchandised (生动化). In the user's scope.")
    Card card(@PathVariable String routeNo, @RequestParam(required = false) String week,
              @RequestParam(defaultValue = "4") int weeks) {
        if (weeks < 1 || weeks > 8) {
            throw new InvalidRequestException("weeks", "must be from 1 to 8");
        }
        VisitWeek last = week(week);
        List<String> shown = new java.util.ArrayList<>();
        List<Integer> cycle = new java.util.ArrayList<>();
        for (int back = weeks - 1; back >= 0; back--) {
            VisitWeek one = VisitWeek.of(last.monday().minusWeeks(back));
            shown.add(one.toString());
            cycle.add(one.cycleWeek());
        }
        Instant from = zone.startOf(last.monday().minusWeeks(weeks - 1L));
        Instant to = zone.endOf(last.sunday());
        List<ProfileState> outlets = routes.outlets(routeNo, scope.scope().ownersOrNull());
        var catalogue = catalogues.current();
        var byOutlet = checks.of(outlets.stream().map(ProfileState::customerId).toList(), from, to,
                at -> VisitWeek.of(zone.dayOf(at)).toString());
        List<CardOutlet> rows = outlets.stream().map(state -> {
            var type = catalogue.tradeType(state.tradeType());
            return new CardOutlet(state.route().sequence(), state.customerId(), state.code(), state.name(),
                    state.grade(), state.ownerId(), state.tradeType(),
                    type.map(com.customerarchive.events.route.Catalogue.TradeType::nameZh).orElse(null),
                    type.map(com.customerarchive.events.route.Catalogue.TradeType::nameEn).orElse(null),
                    state.route().visitWeeks(), state.route().weekday(),
                    byOutlet.getOrDefault(state.customerId(), List.of()));
        }).toList();
        return new Card(routeNo, outlets.isEmpty() ? null : outlets.get(0).route().branch(), shown, cycle,
                catalogue.products().stream().filter(com.customerarchive.events.route.Catalogue.Product::active)
                        .map(p -> new CardProduct(p.sku(), p.nameZh(), p.nameEn(), p.unit())).toList(), rows);
    }

    /** The week asked for (default: this week in the business zone). */
    VisitWeek week(String week) {
        if (week == null) {
            return VisitWeek.of(zone.dayOf(clock.instant()));
        }
        return VisitWeek.parse(week).orElseThrow(() -> new InvalidRequestException("week",
                "an ISO week such as 2026-W49"));
    }

    private static Outlet outlet(ProfileState state) {
        Route route = state.route();
        return new Outlet(route.sequence(), state.customerId(), state.name(), state.code(), state.ownerId(),
                route.branch(), route.visitWeeks(), route.weekday(), state.tradeType(), state.lastContactAt());
    }
}
