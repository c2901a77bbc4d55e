package com.customerarchive.query.membership;

import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.events.MembershipCardNumber;
import com.customerarchive.events.MembershipTier;
import com.customerarchive.platform.security.Role;
import com.customerarchive.platform.security.Roles;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.Exports;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.web.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@RestController
@Tag(name = "membership cards", description = "Membership cards (会员卡) by number, in lists for notices, and the "
        + "membership report")
class MembershipController {

    /** Roles that see a holder's name in full; an outlet alone sees it masked. */
    private static final Set<Role> STAFF = Set.of(Role.SALES, Role.MANAGER, Role.AUDITOR, Role.ADMIN);
    private static final Set<String> STATUSES = Set.of("LIVE", "REPORTED_LOST", "REPLACED", "CANCELLED", "EXPIRED");

    private final MembershipRepository cards;
    private final CustomerScope scope;
    private final Clock clock;
    private final BusinessZone zone;

    MembershipController(MembershipRepository cards, CustomerScope scope, Clock clock, BusinessZone zone) {
        this.zone = zone;
        this.cards = cards;
        this.scope = scope;
        this.clock = clock;
    }

    /** A card as an outlet or the archive's staff see it; an outlet sees the holder's name masked. */
    record CardView(String cardNumber, UUID customerId, MembershipTier tier, String status, LocalDate validFrom,
                    LocalDate validUntil, long uses, String holder, String replacedBy, String holderCode) {
    }

    record CardPage(List<CardView> items, int page, int size, long total) {
    }

    @GetMapping("/api/membership-cards/{cardNumber}")
    @Operation(summary = "A card by its number (OUTLET too)", description = "status LIVE, REPORTED_LOST, REPLACED, "
            + "CANCELLED or EXPIRED (a live card past its end date). A wrong check digit is 400 before any lookup. An "
            + "outlet sees the holder's name masked (Z** W**).")
    CardView card(@PathVariable String cardNumber, Authentication user) {
        requireValid(cardNumber);
        MembershipRepository.Card card = cards.find(cardNumber, today()).orElseThrow(() -> new NotFoundException(
                "membership-card-not-found", "Membership card not found", "No card has the number " + cardNumber + "."));
        Set<Role> roles = Roles.of(user);
        boolean outlet = roles.contains(Role.OUTLET) && java.util.Collections.disjoint(roles, STAFF);
        if (!outlet) {
            scope.check(card.customerId());
        }
        return view(card, outlet);
    }

    @ReadsCustomers
    @GetMapping("/api/membership-cards")
    @Operation(summary = "Cards, soonest ending first", description = "status (LIVE, REPORTED_LOST, REPLACED, "
            + "CANCELLED, EXPIRED), tier, expiringBefore (a live card ending before that date), ownerId: for notices "
            + "when a tier's rules change and for renewal reminders. page from 0, size 1-200. As text/csv (the export) "
            + "every matching card, page and size ignored.")
    CardPage list(@RequestParam(required = false) String status, @RequestParam(required = false) MembershipTier tier,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiringBefore, @RequestParam(required = false) String ownerId,
                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                  HttpServletRequest request) {
        boolean export = Exports.asked(request.getHeader(HttpHeaders.ACCEPT));
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("status", "must be one of " + new java.util.TreeSet<>(STATUSES));
        }
        if (!export && (page < 0 || size < 1 || size > 200)) {
            throw new InvalidRequestException("size", "page from 0, size from 1 to 200");
        }
        if (export) {
            page = 0;
            size = Integer.MAX_VALUE;
        }
        var filter = new MembershipRepository.CardFilter(status, tier, expiringBefore, scope.owners(ownerId), today());
        return new CardPage(cards.list(filter, page, size).stream().map(card -> view(card, false)).toList(), page, size,
                cards.count(filter));
    }

    private static CardView view(MembershipRepository.Card card, boolean masked) {
        return new CardView(card.cardNumber(), card.customerId(), card.tier(), card.status(), card.validFrom(),
                card.validUntil(), card.uses(), masked ? mask(card.holder()) : card.holder(), card.replacedBy(),
                card.code());
    }

    /** "Zhang Wei" reads "Z** W**": the first letter of each part of the name. */
    static String mask(String name) {
        return com.customerarchive.query.privacy.Redaction.masked(name);
    }

    static void requireValid(String cardNumber) {
        if (!MembershipCardNumber.isValid(cardNumber)) {
            throw new InvalidRequestException("cardNumber", "16 digits whose last is the Luhn check digit");
        }
    }

    private LocalDate today() {
        return zone.today(clock);
    }
}
