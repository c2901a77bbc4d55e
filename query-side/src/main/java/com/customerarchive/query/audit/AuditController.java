package com.customerarchive.query.audit;

import com.customerarchive.events.privacy.CustomerKeys;
import com.customerarchive.events.privacy.EventHash;
import com.customerarchive.query.web.BadRequestException;
import com.customerarchive.query.web.NotFoundException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
    private final byte[] checkpointKey;

    AuditController(HashChain chain, AccessLog accessLog, Clock clock, CustomerKeys keys,
                    @Value("${archive.audit.checkpoint-key:}") String checkpointKey) {
        this.chain = chain;
        this.accessLog = accessLog;
        this.clock = clock;
        // a key of its own when configured; else one derived from the master key (never the master key itself)
        this.checkpointKey = !checkpointKey.isBlank() ? checkpointKey.getBytes(StandardCharsets.UTF_8)
                : keys.derivedFromMaster("checkpoint");
    }

    @GetMapping("/api/profiles/{customerId}/verify")
    @Operation(summary = "Recompute the customer's hash chain from the stored events", description = "valid:false "
            + "names the first sequence that was altered, removed or reordered; headHash is the last good link.")
    Map<String, Object> verify(@PathVariable UUID customerId) {
        HashChain.Verdict verdict = chain.verify(customerId);
        if (verdict.events() == 0) {
            throw NotFoundException.customer(customerId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("customerId", customerId);
        answer.put("events", verdict.events());
        answer.put("valid", verdict.valid());
        if (!verdict.valid()) {
            answer.put("sequence", verdict.sequence());
            answer.put("problem", verdict.problem());
        }
        answer.put("headHash", verdict.headHash());
        return answer;
    }

    @GetMapping("/api/profiles/{customerId}/access-log")
    @Operation(summary = "Who read this customer's personal data, newest first (AUDITOR, ADMIN)")
    List<AccessLog.Entry> accessLog(@PathVariable UUID customerId, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new BadRequestException("limit", "must be from 1 to 10000");
        }
        return accessLog.list(customerId, limit);
    }

    @GetMapping("/api/audit/checkpoint")
    @Operation(summary = "Every customer's chain head, signed (HMAC-SHA256) (AUDITOR, ADMIN)", description = "Keep it: "
            + "a later checkpoint whose chains still contain these heads (GET .../verify) proves history only grew.")
    Map<String, Object> checkpoint() throws GeneralSecurityException {
        Instant at = clock.instant();
        Map<String, String> heads = chain.heads();
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("at", at.toString());
        signed.put("customers", heads.size());
        ObjectNode headNodes = signed.putObject("heads");
        heads.forEach(headNodes::put);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(checkpointKey, "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(EventHash.canonical(signed).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("at", at);
        answer.put("customers", heads.size());
        answer.put("heads", heads);
        answer.put("signature", signature);
        answer.put("signed", "HMAC-SHA256 over the canonical JSON (keys sorted, no whitespace) of {at, customers, heads}");
        return answer;
    }
}
