package com.customerarchive.query.report;

import com.customerarchive.platform.web.InvalidRequestException;
import com.customerarchive.platform.web.NotFoundException;
import com.customerarchive.query.audit.ReadsCustomers;
import com.customerarchive.query.audit.Signer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/reports/snapshots")
@Tag(name = "reports")
class SnapshotController {

    private static final Set<String> PARAMETERS = Set.of("from", "to", "asOf", "knownAt", "by", "ownerId", "top",
            "archived");
    private static final int DIFFERENCES_SHOWN = 20;

    private final Reports reports;
    private final ReportQueries queries;
    private final SnapshotRepository snapshots;
    private final Signer signer;
    private final JsonMapper web;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    SnapshotController(Reports reports, ReportQueries queries, SnapshotRepository snapshots, Signer signer,
                       JsonMapper web, Clock clock) {
        this.reports = reports;
        this.queries = queries;
        this.snapshots = snapshots;
        this.signer = signer;
        this.web = web;
        this.clock = clock;
    }

    /** What to freeze: a report's name and its parameters, as its own endpoint takes them. */
    record Freeze(String report, Map<String, String> parameters) {
    }

    @ReadsCustomers
    @PostMapping
    @Operation(summary = "Freeze a report (MANAGER): kept as it was run, signed", description = "report: lifecycle, "
            + "at-risk, value, referrals, statistics, complaints, grade-migration, activity or membership; parameters: "
            + "the report's own (from, to, asOf, by, ownerId, top) and knownAt. Without knownAt the report is frozen as "
            + "the archive knew it at the recording time of the newest event the reports have read. The answer keeps "
            + "the report, its parameters with that knownAt, the store position the pass had read, who froze it and "
            + "when, and a signature (HMAC-SHA256 over the canonical JSON of all of it, like the audit checkpoint). "
            + "201 with Location.")
    ResponseEntity<tools.jackson.databind.JsonNode> freeze(@RequestBody Freeze freeze, Principal principal) {
        if (freeze == null || freeze.report() == null) {
            throw new InvalidRequestException("report", "is required: one of " + new java.util.TreeSet<>(ReportQuery.REPORTS));
        }
        ReportQueries.requireOneOf("report", freeze.report(), ReportQuery.REPORTS);
        Map<String, String> given = freeze.parameters() == null ? Map.of() : freeze.parameters();
        for (String name : given.keySet()) {
            ReportQueries.requireOneOf("parameters", name, PARAMETERS);
        }
        // to the microsecond, as PostgreSQL keeps it: the re-run reads the same instant the freeze did
        Instant knownAt = (given.get("knownAt") != null ? queries.knownAt(instant("knownAt", given.get("knownAt")))
                : newestKnown()).truncatedTo(ChronoUnit.MICROS);
        ReportQuery query = query(freeze.report(), given, knownAt);
        JsonNode answer = answer(query);
        UUID id = UUID.randomUUID();
        ObjectNode signed = json.createObjectNode();
        signed.put("id", id.toString());
        signed.put("report", query.report());
        ObjectNode parameters = signed.putObject("parameters");
        query.parameters().forEach(parameters::put);
        signed.put("knownAt", query.knownAt().toString());
        signed.put("position", position());
        signed.put("frozenAt", clock.instant().truncatedTo(ChronoUnit.MICROS).toString());
        signed.put("frozenBy", principal.getName());
        signed.set("answer", answer);
        String signature = signer.sign(signed);
        snapshots.save(new SnapshotRepository.Stored(id, query.report(), parameters.toString(), query.knownAt(),
                signed.get("position").asLong(), Instant.parse(signed.get("frozenAt").asText()), principal.getName(),
                answer.toString(), signature));
        return ResponseEntity.created(URI.create("/api/reports/snapshots/" + id)).body(out(view(signed, signature)));
    }

    @ReadsCustomers
    @GetMapping("/{id}")
    @Operation(summary = "A frozen report as it was frozen (MANAGER, AUDITOR)", description = "The report, its "
            + "parameters, knownAt, the store position, who froze it and when, the answer, and its signature.")
    tools.jackson.databind.JsonNode frozen(@PathVariable UUID id) {
        ObjectNode signed = load(id);
        return out(view(signed, signed.remove("signature").asText()));
    }

    @GetMapping
    @Operation(summary = "Frozen reports, newest first (MANAGER, AUDITOR)", description = "id, report, parameters, "
            + "knownAt, frozenAt, frozenBy; the answers are read one by one.")
    List<Map<String, Object>> list() {
        return snapshots.newest(500).stream()
                .map(one -> Map.<String, Object>of("id", one.id(), "report", one.report(),
                        "parameters", web.readTree(one.parameters()), "knownAt", one.knownAt(),
                        "frozenAt", one.frozenAt(), "frozenBy", one.frozenBy()))
                .toList();
    }

    /** A frozen report checked: its signature, and its figures against a re-run at the same knownAt. */
    record Verification(UUID id, String report, Instant knownAt, boolean signatureValid, boolean figuresMatch,
                        List<Difference> differences) {
    }

    /** Where a re-run differs from the frozen answer: a JSON pointer, the frozen value and the re-run's. */
    record Difference(String path, tools.jackson.databind.JsonNode frozen, tools.jackson.databind.JsonNode rerun) {
    }

    @GetMapping("/{id}/verify")
    @Operation(summary = "Check a frozen report (MANAGER, AUDITOR)", description = "signatureValid: the frozen report "
            + "is as it was signed (nothing altered in the table); figuresMatch: the report re-run now with the same "
            + "parameters and the same knownAt gives the same answer — a correction recorded after knownAt, even "
            + "back-dated into the period, never changes it. differences: where they part (first 20).")
    Verification verify(@PathVariable UUID id) {
        ObjectNode signed = load(id);
        String signature = signed.remove("signature").asText();
        boolean signatureValid = signer.verifies(signed, signature);
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        signed.get("parameters").properties().forEach(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
        Instant knownAt = Instant.parse(signed.get("knownAt").asText());
        JsonNode rerun = answer(query(signed.get("report").asText(), parameters, knownAt));
        List<Difference> differences = new ArrayList<>();
        compare("", signed.get("answer"), rerun, differences);
        return new Verification(id, signed.get("report").asText(), knownAt, signatureValid, differences.isEmpty(),
                differences.stream().limit(DIFFERENCES_SHOWN).toList());
    }

    private ReportQuery query(String report, Map<String, String> parameters, Instant knownAt) {
        String top = parameters.get("top");
        Integer topN;
        try {
            topN = top == null ? null : Integer.valueOf(top);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("parameters.top", "must be a number from 1 to 1000");
        }
        if (topN != null && (topN < 1 || topN > 1000)) {
            throw new InvalidRequestException("parameters.top", "must be a number from 1 to 1000");
        }
        return queries.query(report, instant("from", parameters.get("from")), instant("to", parameters.get("to")),
                instant("asOf", parameters.get("asOf")), knownAt, parameters.get("by"), parameters.get("ownerId"), topN,
                "true".equals(parameters.get("archived")), parameters.get("unit"));
    }

    /** The report's answer exactly as its endpoint writes it in JSON. */
    private JsonNode answer(ReportQuery query) {
        return tree(web.writeValueAsString(reports.run(query, new Tally())));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a frozen report that is not JSON", e);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequestException("parameters." + name, "must be an instant such as 2026-03-31T16:00:00Z");
        }
    }

    /** The recording time of the newest event the reports have read (now, when there is none). */
    private Instant newestKnown() {
        return snapshots.newestKnown().orElseGet(clock::instant);
    }

    private long position() {
        return snapshots.position();
    }

    private ObjectNode load(UUID id) {
        SnapshotRepository.Stored stored = snapshots.find(id).orElseThrow(() -> new NotFoundException(
                "report-snapshot-not-found", "No such frozen report", "no frozen report " + id));
        ObjectNode signed = json.createObjectNode();
        signed.put("id", id.toString());
        signed.put("report", stored.report());
        signed.set("parameters", tree(stored.parameters()));
        signed.put("knownAt", stored.knownAt().toString());
        signed.put("position", stored.position());
        signed.put("frozenAt", stored.frozenAt().toString());
        signed.put("frozenBy", stored.frozenBy());
        signed.set("answer", tree(stored.answer()));
        signed.put("signature", stored.signature());
        return signed;
    }

    private ObjectNode view(ObjectNode signed, String signature) {
        ObjectNode view = signed.deepCopy();
        view.put("signature", signature);
        view.put("signed", Signer.HOW + " of {id, report, parameters, knownAt, position, frozenAt, frozenBy, answer}");
        return view;
    }

    private void compare(String path, JsonNode frozen, JsonNode rerun, List<Difference> differences) {
        if (frozen.isContainerNode() && rerun.isContainerNode() && frozen.getNodeType() == rerun.getNodeType()) {
            if (frozen.isArray() && frozen.size() != rerun.size()) {
                differences.add(new Difference(path + "/length", out(json(frozen.size())), out(json(rerun.size()))));
            }
            Set<String> names = new java.util.LinkedHashSet<>();
            if (frozen.isObject()) {
                frozen.fieldNames().forEachRemaining(names::add);
                rerun.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    JsonNode one = frozen.path(name);
                    JsonNode other = rerun.path(name);
                    compare(path + "/" + name.replace("~", "~0").replace("/", "~1"), one, other, differences);
                }
            } else {
                Iterator<JsonNode> one = frozen.elements();
                Iterator<JsonNode> other = rerun.elements();
                int i = 0;
                while (one.hasNext() && other.hasNext()) {
                    compare(path + "/" + i++, one.next(), other.next(), differences);
                }
            }
        } else if (frozen.isNumber() && rerun.isNumber()) {
            // 0 and 0.00 are the same figure
            if (frozen.decimalValue().compareTo(rerun.decimalValue()) != 0) {
                differences.add(new Difference(path, out(frozen), out(rerun)));
            }
        } else if (!frozen.equals(rerun)) {
            differences.add(new Difference(path.isEmpty() ? "/" : path, out(frozen), out(rerun)));
        }
    }

    /** A tree of the events' Jackson as the web's Jackson writes it. */
    private tools.jackson.databind.JsonNode out(JsonNode node) {
        return web.readTree(node.isMissingNode() ? "null" : node.toString());
    }

    private static JsonNode json(int value) {
        return com.fasterxml.jackson.databind.node.IntNode.valueOf(value);
    }
}
