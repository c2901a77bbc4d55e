package com.customerarchive.query.agenda;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.query.commercial.Commercial;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.customerarchive.query.commercial.Lifecycle;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.time.Clock;
import java.util.Locale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "agenda", description = "A sales rep's agenda: contacts due, greetings, return visits, customers at risk")
class AgendaController {

    /** A resolved complaint's return visit is due this many days after the resolution. */
    static final int RETURN_VISIT_DAYS = 3;
    private static final int LONGEST_PERIOD_DAYS = 366;

    private final AgendaRepository agenda;
    private final Commercial commercial;
    private final CustomerScope scope;
    private final Clock clock;
    private final BusinessZone zone;

    private final MessageSource messages;

    private final com.customerarchive.query.profile.PoolBooks books;
    private final com.customerarchive.query.core.OrgCharts charts;

    private final com.customerarchive.query.profile.RouteBook routeBook;
    private final com.customerarchive.query.core.Completeness completeness;

    AgendaController(AgendaRepository agenda, Commercial commercial, CustomerScope scope, Clock clock,
                     BusinessZone zone, MessageSource messages, com.customerarchive.query.profile.PoolBooks books,
                     com.customerarchive.query.core.OrgCharts charts, com.customerarchive.query.profile.RouteBook routeBook,
                     com.customerarchive.query.core.Completeness completeness) {
        this.completeness = completeness;
        this.books = books;
        this.routeBook = routeBook;
        this.charts = charts;
        this.messages = messages;
        this.zone = zone;
        this.agenda = agenda;
        this.commercial = commercial;
        this.scope = scope;
        this.clock = clock;
    }

    enum Kind { OVERDUE, FOLLOW_UP_DUE, RETURN_VISIT_DUE, AT_RISK, BIRTHDAY, FOUNDING_ANNIVERSARY, CARD_EXPIRING,
        POOL_RETURN_SOON, NEWLY_ASSIGNED, COLLECTION_DUE, COLLECTION_OVERDUE, REMARK, CARD_INCOMPLETE }

    /** "Newly assigned to me" (新分配) looks back this many days. */
    static final int NEWLY_ASSIGNED_DAYS = 7;

    /** 处理时限: how soon the item needs doing, from today. */
    enum Urgency {
        URGENT, SOON, LATER, SLOW;

        static Urgency of(LocalDate today, LocalDate date) {
            long days = ChronoUnit.DAYS.between(today, date);
            return days <= 7 ? URGENT : days <= 30 ? SOON : days <= 90 ? LATER : SLOW;
        }
    }

    record Item(LocalDate date, Kind kind, Urgency urgency, UUID customerId, String name, String detail) {
    }

    @ReadsCustomers
    @GetMapping("/api/agenda")
    @Operation(summary = "The rep's agenda for a period (default the next 30 days)", description = "OVERDUE: contact "
            + "was due before today (by the agreed next follow-up or the grade's cadence); FOLLOW_UP_DUE: due within "
            + "the period; BIRTHDAY and FOUNDING_ANNIVERSARY (关怀) within it; RETURN_VISIT_DUE: a resolved complaint "
            + "waiting for its return visit; CARD_EXPIRING: a live membership card ending within the period; AT_RISK: a "
            + "buying customer at risk of leaving; POOL_RETURN_SOON (即将进入公海): the customer goes back to the public pool "
            + "within its pool's warning days unless followed up (detail: the days left and the rule); NEWLY_ASSIGNED: "
            + "assigned or handed to the rep in the last 7 days (these two on the agenda of a rep, a unit or an ownerId, not "
            + "on a company-wide one); COLLECTION_DUE (回款): receivables falling due within the period, one item per "
            + "customer, currency and due day; COLLECTION_OVERDUE: receivables past due, one item per customer and "
            + "currency, URGENT beyond 30 days past due, SOON up to 30; a customer more than 90 days past due is also "
            + "AT_RISK. CARD_INCOMPLETE (low urgency, today): the owner's cards less complete than "
            + "archive.completeness.agenda-below (60), the least complete of them, at most agenda-limit (20), with the "
            + "score and the first missing fields. Today's OVERDUE and FOLLOW_UP_DUE items are who to "
            + "contact today (今日需联系). urgency (处理时限): URGENT "
            + "≤ 7 days from today, SOON ≤ 30, LATER ≤ 90, SLOW beyond. A SALES user reads its own agenda only. detail "
            + "is written in the language of Accept-Language (en, zh-CN); kind and urgency are codes in every language.")
    List<Item> agenda(@RequestParam(required = false) String ownerId, @RequestParam(required = false) Instant from,
                      @RequestParam(required = false) Instant to) {
        String[] owner = scope.owners(ownerId);
        Instant now = clock.instant();
        LocalDate today = zone.dayOf(now);
        LocalDate first = from != null ? zone.dayOf(from) : today;
        LocalDate last = to != null ? zone.dayOf(to) : first.plusDays(30);
        if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) > LONGEST_PERIOD_DAYS) {
            throw new InvalidRequestException("to", "must be on or after from and within " + LONGEST_PERIOD_DAYS + " days");
        }
        Locale locale = LocaleContextHolder.getLocale();
        List<Item> items = new ArrayList<>();
        for (AgendaRepository.Due due : agenda.dueContacts(owner)) {
            if (due.dueOn().isBefore(today)) {
                items.add(new Item(due.dueOn(), Kind.OVERDUE, Urgency.URGENT, due.customerId(), due.name(),
                        text(locale, "agenda.overdue", due.dueOn().toString(), String.valueOf(due.grade()))));
            } else if (!due.dueOn().isBefore(first) && !due.dueOn().isAfter(last)) {
                items.add(new Item(due.dueOn(), Kind.FOLLOW_UP_DUE, Urgency.of(today, due.dueOn()), due.customerId(),
                        due.name(), text(locale, "agenda.followUpDue", String.valueOf(due.grade()))));
            }
        }
        for (AgendaRepository.Dates dates : agenda.greetingDates(owner)) {
            anniversary(dates.birthday(), first, last).ifPresent(on -> items.add(new Item(on, Kind.BIRTHDAY,
                    Urgency.of(today, on), dates.customerId(), dates.name(), text(locale, "agenda.birthday"))));
            anniversary(dates.foundedOn(), first, last).ifPresent(on -> items.add(new Item(on,
                    Kind.FOUNDING_ANNIVERSARY, Urgency.of(today, on), dates.customerId(), dates.name(),
                    text(locale, "agenda.founding",
                            Integer.toString(on.getYear() - LocalDate.parse(dates.foundedOn()).getYear())))));
        }
        for (AgendaRepository.ReturnVisit waiting : agenda.returnVisitsWaiting(owner)) {
            LocalDate dueOn = waiting.resolvedOn().plusDays(RETURN_VISIT_DAYS);
            if (!dueOn.isAfter(last)) {
                items.add(new Item(dueOn, Kind.RETURN_VISIT_DUE, Urgency.of(today, dueOn), waiting.customerId(),
                        waiting.name(), text(locale, "agenda.returnVisit", messages.getMessage("complaint.category."
                        + waiting.category(), null, waiting.category().toLowerCase(), locale),
                        waiting.resolvedOn().toString())));
            }
        }
        if (!today.isBefore(first) && !today.isAfter(last)) {
            var limits = completeness.properties();
            for (AgendaRepository.Incomplete card : agenda.incompleteCards(owner, limits.agendaBelow(), limits.agendaLimit())) {
                // low urgency: a card to complete when there is time, the least complete first
                List<String> missing = completeness.of(card.kind(), card.card()).missing().values().stream()
                        .flatMap(List::stream).toList();
                String named = missing.stream().limit(3).map(field -> messages.getMessage("print.field." + field, null,
                        field, locale)).collect(java.util.stream.Collectors.joining(text(locale, "agenda.listSeparator")));
                items.add(new Item(today, Kind.CARD_INCOMPLETE, Urgency.SLOW, card.customerId(), card.name(),
                        text(locale, missing.size() > 3 ? "agenda.cardIncompleteMore" : "agenda.cardIncomplete",
                                Integer.toString(card.completeness()), named, Integer.toString(missing.size()))));
            }
        }
        for (AgendaRepository.Expiring card : agenda.cardsExpiring(owner, first.isBefore(today) ? today : first, last)) {
            items.add(new Item(card.validUntil(), Kind.CARD_EXPIRING, Urgency.of(today, card.validUntil()),
                    card.customerId(), card.name(), text(locale, "agenda.cardExpiring", messages.getMessage(
                    "membership.tier." + card.tier(), null, card.tier().toLowerCase(), locale), card.cardNumber(),
                    card.validUntil().toString())));
        }
        commercial.all(now, owner, true).stream().filter(one -> one.lifecycle().atRisk())
                .forEach(one -> items.add(new Item(today, Kind.AT_RISK, Urgency.URGENT, one.figures().customerId(),
                        one.figures().name(), riskReason(locale, one.lifecycle().reason()))));
        poolItems(owner, now, today, locale, items);
        collectionItems(owner, today, first, last, locale, items);
        for (var state : routeBook.withOpenRemarks(owner)) {
            state.remarks().stream().filter(remark -> !remark.acknowledged()).forEach(remark -> items.add(new Item(
                    zone.dayOf(remark.at()), Kind.REMARK, Urgency.URGENT, state.customerId(), state.name(),
                    text(locale, "agenda.remark", remark.remarkNo(), remark.by(), remark.text()))));
        }
        items.sort(Comparator.comparing(Item::date).thenComparing(Item::kind).thenComparing(Item::customerId));
        return items;
    }

    /** The public pool's warnings (即将进入公海) and the customers newly given to the rep. */
    private void poolItems(String[] owner, Instant now, LocalDate today, Locale locale, List<Item> items) {
        if (owner == null) {
            // a company-wide agenda without ownerId: the pool's lists are a rep's (or a unit's); managers read the
            // pool's reports instead of folding every customer of the company here
            return;
        }
        var chart = charts.chart();
        boolean pools = !chart.pools().isEmpty();
        for (var state : books.book(owner)) {
            var pool = pools ? chart.poolOfOwner(state.ownerId()) : java.util.Optional.<com.customerarchive.events.org.Pool>empty();
            if (pool.isPresent()) {
                var rules = pool.get().rules();
                var due = rules.due(com.customerarchive.query.profile.PoolBooks.clock(state, now));
                if (due.isPresent() && !due.get().at().isAfter(now.plus(java.time.Duration.ofDays(rules.warningDays())))) {
                    LocalDate on = zone.dayOf(due.get().at());
                    String reason = text(locale, "pool.reason." + due.get().cause().name(), due.get().days(),
                            due.get().grade().name());
                    long daysLeft = Math.max(0, java.time.Duration.between(now, due.get().at()).toDays());
                    items.add(new Item(on.isBefore(today) ? today : on, Kind.POOL_RETURN_SOON, Urgency.URGENT,
                            state.customerId(), state.name(), due.get().at().isAfter(now)
                            ? text(locale, "agenda.poolReturn", pool.get().name(), daysLeft, reason)
                            : text(locale, "agenda.poolReturnNow", pool.get().name(), reason)));
                }
            }
            var standing = state.pool();
            if (("ASSIGNED".equals(standing.ownerVia()) || "TRANSFERRED".equals(standing.ownerVia()))
                    && standing.ownerSince() != null
                    && standing.ownerSince().isAfter(now.minus(java.time.Duration.ofDays(NEWLY_ASSIGNED_DAYS)))) {
                LocalDate since = zone.dayOf(standing.ownerSince());
                items.add(new Item(since, Kind.NEWLY_ASSIGNED, Urgency.of(today, since), state.customerId(),
                        state.name(), text(locale, "agenda.newlyAssigned",
                        text(locale, "pool.via." + standing.ownerVia()), since.toString())));
            }
        }
    }

    /**
     * Money to collect (回款): per customer and currency, what falls due within the period (one item per due day) and
     * what is past due (one item, urgent beyond 30 days past due); a customer more than 90 days past due is at risk.
     */
    private void collectionItems(String[] owner, LocalDate today, LocalDate first, LocalDate last, Locale locale,
                                 List<Item> items) {
        java.util.Set<UUID> atRisk = new java.util.HashSet<>();
        items.stream().filter(item -> item.kind() == Kind.AT_RISK).forEach(item -> atRisk.add(item.customerId()));
        for (var state : books.owing(owner)) {
            java.util.Map<String, java.util.List<com.customerarchive.events.money.CreditAccount.Shipment>> overdue =
                    new java.util.TreeMap<>();
            java.util.Map<java.util.List<String>, java.util.List<com.customerarchive.events.money.CreditAccount.Shipment>>
                    due = new java.util.TreeMap<>(java.util.Comparator.comparing((java.util.List<String> key) -> key.get(0))
                    .thenComparing(key -> key.get(1)));
            for (var shipment : state.credit().openReceivables()) {
                if (shipment.dueOn().isBefore(today)) {
                    overdue.computeIfAbsent(shipment.currency(), c -> new ArrayList<>()).add(shipment);
                } else if (!shipment.dueOn().isBefore(first) && !shipment.dueOn().isAfter(last)) {
                    due.computeIfAbsent(java.util.List.of(shipment.dueOn().toString(), shipment.currency()),
                            k -> new ArrayList<>()).add(shipment);
                }
            }
            overdue.forEach((currency, shipments) -> {
                long days = shipments.stream().mapToLong(shipment -> shipment.daysPastDue(today)).max().orElse(0);
                items.add(new Item(today, Kind.COLLECTION_OVERDUE, days > 30 ? Urgency.URGENT : Urgency.SOON,
                        state.customerId(), state.name(), text(locale, "agenda.collectionOverdue",
                        sum(shipments).toPlainString(), currency, days, numbers(shipments))));
            });
            due.forEach((key, shipments) -> {
                LocalDate on = LocalDate.parse(key.get(0));
                items.add(new Item(on, Kind.COLLECTION_DUE, Urgency.of(today, on), state.customerId(), state.name(),
                        text(locale, "agenda.collectionDue", sum(shipments).toPlainString(), key.get(1),
                                numbers(shipments))));
            });
            if (state.credit().onHold(today)) {
                String receivables = text(locale, "agenda.atRisk.receivables");
                if (atRisk.add(state.customerId())) {
                    items.add(new Item(today, Kind.AT_RISK, Urgency.URGENT, state.customerId(), state.name(),
                            receivables));
                } else {
                    // at risk already (no purchase for a year, or neglected): the reason says this too
                    items.replaceAll(item -> item.kind() == Kind.AT_RISK && item.customerId().equals(state.customerId())
                            ? new Item(item.date(), item.kind(), item.urgency(), item.customerId(), item.name(),
                            item.detail() + (locale.getLanguage().equals("zh") ? "；" : "; ") + receivables) : item);
                }
            }
        }
    }

    private static java.math.BigDecimal sum(List<com.customerarchive.events.money.CreditAccount.Shipment> shipments) {
        java.math.BigDecimal sum = shipments.stream().map(com.customerarchive.events.money.CreditAccount.Shipment::open)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        // to the cent, as people write money (the store keeps the value, not its trailing zeros)
        return sum.setScale(Math.max(2, sum.scale()), java.math.RoundingMode.UNNECESSARY);
    }

    private static String numbers(List<com.customerarchive.events.money.CreditAccount.Shipment> shipments) {
        return shipments.stream().map(shipment -> String.valueOf(shipment.shipmentNo()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    /** The churn warning's reasons ("no purchase for a year; overdue by …") in the request's language. */
    private String riskReason(Locale locale, String reason) {
        return java.util.Arrays.stream(reason.split("; ")).map(part -> part.equals(Lifecycle.NO_PURCHASE_FOR_A_YEAR)
                        ? text(locale, "agenda.atRisk.idle") : part.equals(Lifecycle.OVERDUE_TWICE)
                        ? text(locale, "agenda.atRisk.neglected") : part.equals(Lifecycle.RECEIVABLES_PAST_DUE)
                        ? text(locale, "agenda.atRisk.receivables") : part)
                .collect(java.util.stream.Collectors.joining(locale.getLanguage().equals("zh") ? "；" : "; "));
    }

    /** The next anniversary of an ISO date on or after {@code first}, if it falls by {@code last} (29 Feb: 28 Feb). */
    static java.util.Optional<LocalDate> anniversary(String isoDate, LocalDate first, LocalDate last) {
        if (isoDate == null || !isoDate.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return java.util.Optional.empty();
        }
        LocalDate date = LocalDate.parse(isoDate);
        LocalDate next = date.withYear(first.getYear());
        if (next.isBefore(first)) {
            next = date.withYear(first.getYear() + 1);
        }
        return next.isAfter(last) || !next.isAfter(date) ? java.util.Optional.empty() : java.util.Optional.of(next);
    }
}
