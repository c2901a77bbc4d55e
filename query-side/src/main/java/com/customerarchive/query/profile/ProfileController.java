package com.customerarchive.query.profile;

import com.customerarchive.query.history.HistoryRepository;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import java.util.Locale;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.audit.AccessLog;
import com.customerarchive.events.AdmissionState;
import com.customerarchive.events.CustomerNature;
import com.customerarchive.events.CustomerTier;
import com.customerarchive.events.Grade;
import com.customerarchive.query.rules.ArchiveRules;
import com.customerarchive.platform.time.BusinessZone;
import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.query.commercial.Commercial;
import com.customerarchive.query.web.CustomerScope;
import com.customerarchive.query.web.Freshness;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.platform.web.ProblemResponses;
import com.customerarchive.platform.web.Exports;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

@RestController
@RequestMapping("/api/profiles")
@Tag(name = "profiles", description = "Current profiles, searchable; a customer's profile as it stood at any past "
        + "instant or version")
class ProfileController {

    static final int MAX_PAGE_SIZE = 200;
    private final ProfileRepository profiles;
    private final AsOfReader asOf;
    private final ArchiveRules rules;
    private final Freshness freshness;
    private final Clock clock;
    private final AccessLog accessLog;
    private final Commercial commercial;
    private final CustomerScope scope;
    private final BusinessZone zone;
    private final HistoryRepository history;
    private final CardPrint print;

    private final com.customerarchive.query.core.Completeness completeness;

    ProfileController(ProfileRepository profiles, AsOfReader asOf, ArchiveRules rules, Freshness freshness, Clock clock,
                      AccessLog accessLog, Commercial commercial, CustomerScope scope, BusinessZone zone,
                      HistoryRepository history, CardPrint print,
                      com.customerarchive.query.core.Completeness completeness) {
        this.completeness = completeness;
        this.history = history;
        this.print = print;
        this.zone = zone;
        this.commercial = commercial;
        this.scope = scope;
        this.profiles = profiles;
        this.asOf = asOf;
        this.rules = rules;
        this.freshness = freshness;
        this.clock = clock;
        this.accessLog = accessLog;
    }

    record PageView(List<ProfileView> items, int page, int size, long total) {
    }

    @ReadsCustomers
    @GetMapping
    @Operation(summary = "Search current profiles", description = "Filters combine; q matches the name, code the "
            + "customer code exactly (ZJ202600042), admission where the card stands in review (PENDING_REVIEW, "
            + "APPROVED, RETURNED). overdue "
            + "and stale are judged at asOf (default now). sort: name, updatedAt, registeredAt, lastContactAt, grade, "
            + "ownerId or city, '-' first for descending. page counts from 0; size 1–200. As text/csv (Accept: "
            + "text/csv, the export) or as an Excel workbook (Accept: "
            + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) every matching profile, page and "
            + "size ignored: one row each, no page wrapper.")
    PageView search(@RequestParam(required = false) Grade grade, @RequestParam(required = false) String ownerId,
                    @RequestParam(required = false) CustomerTier tier, @RequestParam(required = false) CustomerNature nature,
                    @RequestParam(required = false) String city, @RequestParam(required = false) String q,
                    @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Boolean stale,
                    @RequestParam(required = false) Instant asOf,
                    @RequestParam(required = false) String code,
                    @RequestParam(required = false) AdmissionState admission,
                    @Parameter(description = "Only cards less complete than this score (0–100; 档案完整度)")
                    @RequestParam(required = false) Integer completenessBelow,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                    @RequestParam(defaultValue = "name") String sort, HttpServletRequest request) {
        boolean csv = Exports.asked(request.getHeader(HttpHeaders.ACCEPT));
        List<ProblemResponses.FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new ProblemResponses.FieldError("page", "must be 0 or more"));
        }
        if (!csv && (size < 1 || size > MAX_PAGE_SIZE)) {
            // every row in one answer is an export: only as CSV, which the export permission decides on
            errors.add(new ProblemResponses.FieldError("size", "must be from 1 to " + MAX_PAGE_SIZE));
        }
        if (csv) {
            page = 0;
            size = Integer.MAX_VALUE;
        }
        boolean descending = sort.startsWith("-");
        String sortKey = descending ? sort.substring(1) : sort;
        if (!ProfileRepository.SORTS.containsKey(sortKey)) {
            errors.add(new ProblemResponses.FieldError("sort", "must be one of " + new java.util.TreeSet<>(ProfileRepository.SORTS.keySet())
                    + ", optionally with a leading -"));
        }
        if (completenessBelow != null && (completenessBelow < 0 || completenessBelow > 100)) {
            errors.add(new ProblemResponses.FieldError("completenessBelow", "must be from 0 to 100"));
        }
        if (q != null && q.length() > 100 || code != null && code.length() > 64 || city != null && city.length() > 100 || ownerId != null && ownerId.length() > 64) {
            errors.add(new ProblemResponses.FieldError("q", "filters are at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Instant judgedAt = asOf != null ? asOf : clock.instant();
        var found = profiles.search(new ProfileRepository.ProfileFilter(grade, scope.owners(blankToNull(ownerId)), tier, nature,
                blankToNull(city), blankToNull(q), overdue, stale, judgedAt, blankToNull(code), admission,
                completenessBelow), page, size,
                sortKey, descending);
        return new PageView(found.items().stream().map(state -> ProfileView.of(state, rules, zone, judgedAt, null, completeness))
                .map(view -> scope.withholds(view.consentGranted()) ? view.withheld()
                        : scope.financeOnly() ? view.withheldButName() : view).toList(),
                page, size, found.total());
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "A customer's current profile", description = "minVersion waits (up to 2 s, then 503) "
            + "until the profile includes that version: read your own write. purchases.totals: what the purchases add "
            + "up to per currency, never added across currencies; purchases.total and card.purchase.totalAmount only "
            + "while they are all in one currency. value.scoredTotal: the total the score ranked, converted to "
            + "archive.money.base-currency with value.rates; value.excludedCurrencies: amounts left out for want of "
            + "a rate; value.referredTotals: what the customers it referred bought, per currency. A customer merged into "
            + "another as its duplicate answers 200 with its own (read-only) profile, mergedInto naming the target and "
            + "Link: </api/profiles/{target}>; rel=\"canonical\"; the lists leave it out.")
    ProfileView profile(@PathVariable UUID customerId, @RequestParam(required = false) Long minVersion,
                        jakarta.servlet.http.HttpServletResponse response) {
        // the customer as of the version asked for decides how it is seen (a customer just claimed from the pool is
        // its new owner's in full, not a pool member's masked one)
        freshness.await(customerId, minVersion);
        ProfileView profile = current(customerId, scope.check(customerId));
        accessLog.record(customerId, AccessLog.View.PROFILE);
        if (profile.mergedInto() != null) {
            response.setHeader(HttpHeaders.LINK, "</api/profiles/" + profile.mergedInto() + ">; rel=\"canonical\"");
        }
        return profile;
    }

    @GetMapping("/{customerId}/as-of")
    @Operation(summary = "The profile as it stood at an instant, a version or the end of a business day",
            description = "Give exactly one of at, version or on. at: what the archive had recorded by that instant "
            + "(recording time); version: after that many events; on (a date, 2026-04-01): the card at the end of that "
            + "day in the business zone (archive.zone), from the events that happened by then (business time, "
            + "occurredAt), as known now, so a back-dated correction recorded later counts. knownAt (an instant, only "
            + "with on): of those events only the ones recorded by then, \"as it stood on D, as we knew on K\". "
            + "asOf is the instant the card stood at (for on: the start of the next business day). Rebuilt from the "
            + "event store.")
    ProfileView asOf(@PathVariable UUID customerId, @RequestParam(required = false) Instant at,
                     @RequestParam(required = false) Long version,
                     @Parameter(description = "a business day (2026-04-01): the card at its end in archive.zone")
                     @RequestParam(required = false) LocalDate on,
                     @Parameter(description = "with on only: count the events recorded by this instant")
                     @RequestParam(required = false) Instant knownAt) {
        CustomerScope.Visibility visibility = scope.check(customerId);
        checkPeriod(at, version, on, knownAt, true);
        ProfileView then = then(customerId, visibility, at, version, on, knownAt);
        accessLog.record(customerId, AccessLog.View.AS_OF);
        return then;
    }

    @GetMapping(path = "/{customerId}/card.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The card printed (客户档案卡), as a PDF on A4", description = "The seed's form: on the front "
            + "the five sections (基础资料, 决策信息, 业务信息, 付款信息, 购买信息) with every field, blank where the card "
            + "has none; on the back the communication records (沟通信息: 次数, 日期, 方式, 接触对象, 级别, 过程, 结论). "
            + "Labels in the request's language (Accept-Language; Chinese unless English is asked), a CJK font embedded "
            + "(archive.print.fonts; 503 print-font-missing when none is installed). at, version or on (with knownAt) "
            + "print the card as it stood then, as the as-of read gives it, with \"as known at …\" above the form and "
            + "the visits up to then. Withheld and erased fields print as such. Recorded in the access trail (print).")
    @ApiResponse(responseCode = "200", description = "the card",
            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> card(@PathVariable UUID customerId, @RequestParam(required = false) Instant at,
                                @RequestParam(required = false) Long version,
                                @RequestParam(required = false) LocalDate on,
                                @RequestParam(required = false) Instant knownAt,
                                Authentication user, Locale locale) {
        CustomerScope.Visibility visibility = scope.check(customerId);
        checkPeriod(at, version, on, knownAt, false);
        boolean earlier = at != null || version != null || on != null;
        ProfileView profile = earlier ? then(customerId, visibility, at, version, on, knownAt)
                : current(customerId, visibility);
        Instant now = clock.instant();
        Instant stoodAt = earlier ? profile.asOf() : null;
        List<HistoryRepository.Visit> visits = history.visits(customerId, visibility.marker()).stream()
                .filter(visit -> stoodAt == null || visit.visitedAt() != null && !visit.visitedAt().isAfter(stoodAt))
                .toList();
        byte[] pdf = print.print(profile, visits, new CardPrint.Heading(user.getName(), now, stoodAt,
                on != null ? knownAt : at), locale);
        accessLog.record(customerId, AccessLog.View.PRINT);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("card-" + (profile.code() != null ? profile.code() : customerId.toString()) + ".pdf")
                        .build().toString())
                .body(pdf);
    }

    /**
     * A period asked of the as-of read or the print: knownAt with on only, one of at, version and on (exactly one
     * when {@code required}), a version from 1.
     */
    private static void checkPeriod(Instant at, Long version, LocalDate on, Instant knownAt, boolean required) {
        if (knownAt != null && on == null) {
            throw new InvalidRequestException("knownAt", "goes with on (a date) only");
        }
        long given = Stream.of(at, version, on).filter(Objects::nonNull).count();
        if (given > 1 || required && given == 0) {
            throw new InvalidRequestException("at", "give " + (required ? "exactly" : "at most")
                    + " one of at (an instant), version or on (a date)");
        }
        if (version != null && version < 1) {
            throw new InvalidRequestException("version", "must be 1 or more");
        }
    }

    /** The current profile as this user may read it (withheld for a pool member, name only for finance). */
    private ProfileView current(UUID customerId, CustomerScope.Visibility visibility) {
        Instant now = clock.instant();
        ProfileView found = profiles.find(customerId).map(state -> ProfileView.of(state, rules, zone, now, null, completeness))
                .orElseThrow(() -> NotFoundException.customer(customerId));
        ProfileView judged = commercial.of(customerId, now, true).map(one -> found.with(one, zone)).orElse(found);
        // a customer in the public pool reads without its personal fields until claimed (its pool's members)
        return scope.withholds(judged.consentGranted()) || visibility.pooled() ? judged.withheld()
                : scope.financeOnly() ? judged.withheldButName() : judged;
    }

    /** The profile as it stood at an instant, a version or the end of a day (as known at knownAt), rebuilt. */
    private ProfileView then(UUID customerId, CustomerScope.Visibility visibility, Instant at, Long version,
                             LocalDate on, Instant knownAt) {
        Instant dayEnd = on == null ? null : zone.endOf(on);
        var folded = (on != null ? asOf.happenedBefore(customerId, dayEnd, knownAt) : asOf.at(customerId, at, version))
                .orElseThrow(() -> new NotFoundException("customer-not-found",
                "Customer not found", "No customer " + customerId + " had been recorded by then."));
        Instant stoodAt = on != null ? dayEnd : at != null ? at : folded.recordedAt();
        ProfileView then = ProfileView.of(folded.state(), rules, zone, stoodAt, stoodAt, completeness);
        return visibility.withholds() ? then.withheld() : then;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
