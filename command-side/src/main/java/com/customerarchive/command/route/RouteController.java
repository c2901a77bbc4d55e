package com.customerarchive.command.route;

import com.customerarchive.command.customer.AssignRouteCommand;
import com.customerarchive.command.customer.OrgScopes;
import com.customerarchive.command.web.CommandSender;
import com.customerarchive.command.web.IfMatch;
import com.customerarchive.command.web.Written;
import com.customerarchive.events.CustomerId;
import com.customerarchive.events.route.Route;
import com.customerarchive.platform.web.ForbiddenException;
import com.customerarchive.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/** The route card (客户卡运用及管理): a team leader puts an outlet on a route with its trade type. */
@RestController
@Tag(name = "routes", description = "The route-sales card: outlets on routes with their visit weeks and trade type "
        + "(业种); visits carry the store check (see POST …/visits)")
class RouteController {

    private final CommandSender commands;
    private final OrgScopes scopes;
    private final Catalogues catalogue;

    RouteController(CommandSender commands, OrgScopes scopes, Catalogues catalogue) {
        this.commands = commands;
        this.scopes = scopes;
        this.catalogue = catalogue;
    }

    /** Checked after the caller is known to lead: anyone else hears 403 before any 400. */
    record RemarkRequest(Integer visitNo, @Size(max = 2000) String text, @PastOrPresent Instant occurredAt) {
    }

    record RemarkWritten(int remarkNo, long version) {
    }

    @org.springframework.web.bind.annotation.PostMapping("/api/customers/{customerId}/remarks")
    @Operation(summary = "The team leader's remark on the card (组长批示; TEAM_LEAD and above)", description = "About "
            + "a visit's figures (visitNo, one of the customer's visits, else 409 remark-visit-unknown) or the card as a "
            + "whole; shown on the card and on the rep's agenda (REMARK) until the rep acknowledges it. Anyone but a lead "
            + "403 remark-needs-lead. 201 {remarkNo, version}.")
    ResponseEntity<RemarkWritten> remark(@PathVariable UUID customerId, @Valid @RequestBody RemarkRequest request,
                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         Authentication user) {
        if (!scopes.leads(user)) {
            throw new ForbiddenException("remark-needs-lead", "Only a team leader writes remarks",
                    "A team leader, a branch manager or head office checks the card and writes back on it.");
        }
        if (request.text() == null || request.text().isBlank()) {
            throw new InvalidRequestException("text", "must not be blank: the remark says what to check or do");
        }
        var written = commands.<com.customerarchive.command.customer.RemarkCommands.Written>send(
                new com.customerarchive.command.customer.RemarkCommands.Write(new CustomerId(customerId),
                        IfMatch.expectedAggregateVersion(ifMatch), request.visitNo(), request.text()),
                request.occurredAt());
        return Written.answer(org.springframework.http.HttpStatus.CREATED, written.version(),
                new RemarkWritten(written.remarkNo(), written.version()));
    }

    @org.springframework.web.bind.annotation.PostMapping("/api/customers/{customerId}/remarks/{remarkNo}/acknowledge")
    @Operation(summary = "The rep acknowledges a remark", description = "It leaves the agenda and stays on the card; "
            + "again writes nothing; an unknown remark 409 remark-unknown.")
    ResponseEntity<Written.WriteAnswer> acknowledge(@PathVariable UUID customerId, @PathVariable int remarkNo,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.send(new com.customerarchive.command.customer.RemarkCommands.Acknowledge(
                new CustomerId(customerId), IfMatch.expectedAggregateVersion(ifMatch), remarkNo), null);
        return Written.ok(version);
    }

    record RouteRequest(@Valid Route route, @Size(max = 10) String tradeType, @PastOrPresent Instant occurredAt) {
    }

    @PutMapping("/api/customers/{customerId}/route")
    @Operation(summary = "Put the outlet on a route with its trade type (TEAM_LEAD and above)", description = "route: "
            + "{branch (所别), routeNo (路号), sequence (序号, from 1), visitWeeks (访周次: weeks 1–4 of the four-week "
            + "cycle, e.g. [1, 3]), weekday (MONDAY …)}; null takes it off every route. tradeType: a code of the "
            + "catalogue (archive.catalogue.trade-types; the seed's 11–16 retail, 21–23 catering). The same again "
            + "writes nothing. A team leader, branch manager or head office (or a manager who is no member) within its "
            + "scope; anyone else 403 route-needs-lead.")
    ResponseEntity<Written.WriteAnswer> assign(@PathVariable UUID customerId, @Valid @RequestBody RouteRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               Authentication user) {
        if (!scopes.leads(user)) {
            throw new ForbiddenException("route-needs-lead", "Only a team leader puts an outlet on a route",
                    "A team leader, a branch manager or head office puts an outlet on a route.");
        }
        if (request.route() != null && request.route().problem() != null) {
            throw new InvalidRequestException("route", request.route().problem());
        }
        if (request.tradeType() != null && catalogue.current().tradeType(request.tradeType()).isEmpty()) {
            throw new InvalidRequestException("tradeType", "not a trade type of the catalogue: one of "
                    + catalogue.current().tradeTypes().stream().map(type -> type.code()).toList());
        }
        long version = commands.send(new AssignRouteCommand(new CustomerId(customerId),
                IfMatch.expectedAggregateVersion(ifMatch), request.route(), request.tradeType()), request.occurredAt());
        return Written.ok(version);
    }
}
