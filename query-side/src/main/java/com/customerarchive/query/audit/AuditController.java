package com.customerarchive.query.audit;

import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.Exports;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.web.CustomerScope;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The auditor's proof: a customer's hash chain checked, a signed checkpoint of every chain head, the access trail. */
@RestController
@Tag(name = "Audit and privacy")
class AuditController {

    private final HashChain chain;
    private final AccessLog accessLog;
    private final Clock clock;
    private final Signer signer;
    private final CustomerScope scope;

    AuditController(HashChain chain, AccessLog accessLog, Clock clock, Signer signer, CustomerScope scope) {
        this.scope = scope;
        this.chain = chain;
        this.accessLog = accessLog;
        this.clock = clock;
        this.signer = signer;
    }

    @GetMapping("/api/profiles/{customerId}/verify")
    @Operation(summary = "Recompute the customer's hash chain from the stored events", description = "valid:false "
            + "names the first sequence that was altered, removed or reordered; headHash is the last good link. head: "
            + "the customer's head in an earlier checkpoint; headFoundAt says where the chain still passes through it, "
            + "null when that history was rewritten (even with every later hash recomputed).")
    Verification verify(@PathVariable UUID customerId, @RequestParam(required = false) String head) {
        scope.check(customerId);
        HashChain.Verdict verdict = chain.verify(customerId);
        if (verdict.events() == 0) {
            throw NotFoundException.customer(customerId);
        }
        return new Verification(customerId, verdict.events(), verdict.valid(),
                verdict.valid() ? null : verdict.sequence(), verdict.valid() ? null : verdict.problem(), verdict.headHash(),
                head, head == null ? null : verdict.positionOf(head));
    }

    @GetMapping("/api/profiles/{customerId}/access-log")
    @Operation(summary = "Who read this customer's personal data, newest first (AUDITOR, ADMIN)")
    List<AccessLog.Entry> accessLog(@PathVariable UUID customerId, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new InvalidRequestException("limit", "must be from 1 to 10000");
        }
        return accessLog.list(customerId, limit);
    }

    @GetMapping("/api/audit/access")
    @Operation(summary = "The access trail: single reads, bulk reads and exports, newest first (AUDITOR, ADMIN)",
            description = "One entry per read: at, user, view (a single read's view, or a bulk read's endpoint such as "
                    + "'GET /api/profiles'), format (application/json or text/csv; empty for a single read), filter "
                    + "(the query string), customers (how many the answer named) and customerIds. user, from "
                    + "(inclusive) and to (exclusive, instants or dates) narrow it; page from 0, size 1-1000. As "
                    + "text/csv (Accept: text/csv, the export) every entry that matches, one row each, page and size "
                    + "ignored; customerIds joined by '; '.")
    AccessLog.TrailPage access(@RequestParam(required = false) String user, @RequestParam(required = false) Instant from,
                               @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "100") int size, HttpServletRequest request) {
        if (Exports.asked(request.getHeader(HttpHeaders.ACCEPT))) {
            page = 0;
            size = Integer.MAX_VALUE;
        }
        if (page < 0) {
            throw new InvalidRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > 1000 && size != Integer.MAX_VALUE) {
            throw new InvalidRequestException("size", "must be from 1 to 1000");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        return accessLog.trail(user == null || user.isBlank() ? null : user.trim(), from, to, page, size);
    }

    @GetMapping("/api/audit/checkpoint")
    @Operation(summary = "Every customer's chain head, signed (HMAC-SHA256) (AUDITOR, ADMIN)", description = "Keep it: "
            + "a later checkpoint whose chains still contain these heads (GET .../verify) proves history only grew.")
    Checkpoint checkpoint() {
        Instant at = clock.instant();
        Map<String, String> heads = chain.heads();
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("at", at.toString());
        signed.put("customers", heads.size());
        ObjectNode headNodes = signed.putObject("heads");
        heads.forEach(headNodes::put);
        return new Checkpoint(at, heads.size(), heads, signer.sign(signed), Signer.HOW + " of {at, customers, heads}");
    }

    /** The chain recomputed: valid, or the first sequence that was altered, removed or reordered and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verification(UUID customerId, int events, boolean valid, Long sequence, String problem, String headHash,
                        String checkedHead, Long headFoundAt) {
    }

    /** Every customer's chain head at {@code at}, signed. */
    record Checkpoint(Instant at, int customers, Map<String, String> heads, String signature, String signed) {
    }
}
