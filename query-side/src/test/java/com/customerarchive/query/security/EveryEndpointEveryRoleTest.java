package com.customerarchive.query.security;

import com.customerarchive.events.MembershipCardNumber;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.OpenApi;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of both OpenAPI documents called anonymously and as every role, against a table of who may
 * (API.md, written here by hand and not read from the apps): a role that may gets an answer (2xx, or 400/404 for this
 * test's empty bodies and the unknown ids in its paths), never 401/403 nor a 5xx nor silence past five seconds; a
 * role that may not is 403, no credentials is 401. An operation the table does not name fails the test, so a new
 * one must be decided.
 */
class EveryEndpointEveryRoleTest extends BothAppsTest {

    private static final List<String> ROLES = List.of("sales", "manager", "auditor", "integrator", "outlet", "admin",
            "clerk", "finance");
    private static final Set<String> WRITERS = Set.of("sales", "manager");
    private static final Set<String> READERS = Set.of("sales", "manager", "auditor", "admin", "clerk", "finance");
    /** A clerk (销售内勤) enters and edits cards for the reps. */
    private static final Set<String> CARD_WRITERS = Set.of("sales", "manager", "clerk");
    private static final Set<String> MANAGERS = Set.of("manager", "admin");
    private static final Set<String> AUDIT = Set.of("auditor", "admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final int NO_ANSWER = -1;
    /**
     * What a role that may call an operation gets for this test's requests: an answer (2xx), 400 for the empty body
     * or a missing parameter, and 404 for the unknown ids where the path has one. Never 401 or 403, never a 5xx.
     */
    private static final Set<Integer> ANSWERS_TO_ONE_WHO_MAY = Set.of(200, 201, 202, 204, 400);

    /** Who may call what: the contract, per operation. */
    private static final Map<String, Set<String>> MAY = new LinkedHashMap<>();

    static {
        for (String write : List.of("POST /api/customers", "POST /api/customers/{customerId}/archive",
                "PATCH /api/customers/{customerId}/card", "POST /api/customers/{customerId}/complaints",
                "POST /api/customers/{customerId}/complaints/{complaintId}/assign",
                "POST /api/customers/{customerId}/complaints/{complaintId}/close",
                "POST /api/customers/{customerId}/complaints/{complaintId}/follow-up",
                "POST /api/customers/{customerId}/complaints/{complaintId}/reopen",
                "POST /api/customers/{customerId}/complaints/{complaintId}/resolve",
                "POST /api/customers/{customerId}/consent", "PUT /api/customers/{customerId}/grade",
                "POST /api/customers/{customerId}/membership-card", "POST /api/customers/{customerId}/membership-card/cancel",
                "POST /api/customers/{customerId}/membership-card/reissue",
                "POST /api/customers/{customerId}/membership-card/renew",
                "POST /api/customers/{customerId}/membership-card/report-lost",
                "PUT /api/customers/{customerId}/membership-card/tier", "PUT /api/customers/{customerId}/owner",
                "POST /api/customers/{customerId}/purchases",
                "POST /api/customers/{customerId}/purchases/{purchaseNo}/cancel",
                "POST /api/customers/{customerId}/reactivate", "PUT /api/customers/{customerId}/referrer",
                "POST /api/customers/{customerId}/review", "POST /api/customers/{customerId}/visits")) {
            MAY.put(write, WRITERS);
        }
        MAY.put("POST /api/customers", CARD_WRITERS);
        MAY.put("PATCH /api/customers/{customerId}/card", CARD_WRITERS);
        MAY.put("POST /api/customers/{customerId}/admission/resubmit", CARD_WRITERS);
        for (String review : List.of("POST /api/customers/{customerId}/admission/approve",
                "POST /api/customers/{customerId}/admission/return",
                "POST /api/customers/{customerId}/proposals/{proposalId}/approve",
                "POST /api/customers/{customerId}/proposals/{proposalId}/reject")) {
            MAY.put(review, Set.of("manager"));
        }
        MAY.put("POST /api/admin/admission/migrate", Set.of("admin"));
        MAY.put("GET /api/customers/by-code/{code}", READERS);
        MAY.put("GET /api/admission/queue", Set.of("sales", "manager", "admin", "clerk"));
        MAY.put("POST /api/customers/membership-cards/{cardNumber}/uses", Set.of("sales", "manager", "outlet"));
        MAY.put("POST /api/customers/{customerId}/merge-into/{targetId}", Set.of("manager"));
        MAY.put("DELETE /api/customers/{customerId}/personal-data", Set.of("admin"));
        // the organisation: ADMIN writes it, everyone signed in but integrators and outlets reads its part
        for (String org : List.of("POST /api/org/units", "PUT /api/org/units/{code}", "POST /api/org/units/{code}/close",
                "PUT /api/org/members/{user}", "DELETE /api/org/members/{user}")) {
            MAY.put(org, Set.of("admin"));
        }
        MAY.put("GET /api/org", Set.of("sales", "manager", "auditor", "admin", "clerk", "finance"));
        MAY.put("GET /api/org/members/{user}", Set.of("sales", "manager", "auditor", "admin", "clerk", "finance"));
        // a handover: team leads and above (by role, managers; their position decides within)
        MAY.put("POST /api/customers/handover", Set.of("sales", "manager", "admin"));
        // the public pool: reps and managers work it, ADMIN sets it up and runs its return job
        for (String pool : List.of("POST /api/customers/{customerId}/claim", "POST /api/customers/{customerId}/assign",
                "POST /api/customers/{customerId}/release", "POST /api/customers/{customerId}/lock",
                "POST /api/customers/{customerId}/unlock", "PUT /api/customers/{customerId}/team")) {
            MAY.put(pool, WRITERS);
        }
        // imports: a manager or a clerk (销售内勤) brings a customer list in
        for (String imports : List.of("POST /api/imports", "GET /api/imports/{importId}",
                "GET /api/imports/template.xlsx")) {
            MAY.put(imports, Set.of("manager", "clerk"));
        }
        MAY.put("PUT /api/pools/{poolId}", Set.of("admin"));
        MAY.put("PUT /api/catalogue/products/{sku}", Set.of("admin"));
        MAY.put("PUT /api/catalogue/trade-types/{code}", Set.of("admin"));
        MAY.put("POST /api/admin/pools/sweep", Set.of("admin"));
        MAY.put("GET /api/pools", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/pools/{poolId}/customers", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/customers/handover/{jobId}", Set.of("sales", "manager", "admin"));
        MAY.put("DELETE /api/customers/{customerId}/personal-data/{field}", Set.of("admin"));
        for (String read : List.of("GET /api/profiles", "GET /api/profiles/{customerId}",
                "GET /api/profiles/{customerId}/history", "GET /api/profiles/{customerId}/changes",
                "GET /api/profiles/{customerId}/grades", "GET /api/profiles/{customerId}/as-of",
                "GET /api/profiles/{customerId}/verify", "GET /api/profiles/{customerId}/visits",
                "GET /api/profiles/{customerId}/purchases", "GET /api/profiles/{customerId}/card.pdf")) {
            MAY.put(read, READERS);
        }
        MAY.put("GET /api/profiles/{customerId}/access-log", AUDIT);
        // money after the sale: finance records it, whoever may change the card proposes terms and limits, the ledger
        // is read as the profile is, the ageing report and the drill-down (finance: the receivables' only) by managers
        // and finance
        for (String money : List.of("POST /api/customers/{customerId}/purchases/{purchaseNo}/shipments",
                "POST /api/customers/{customerId}/collections",
                "POST /api/customers/{customerId}/collections/{reference}/reverse")) {
            MAY.put(money, Set.of("finance"));
        }
        MAY.put("PUT /api/customers/{customerId}/credit", Set.of("sales", "manager", "clerk", "finance"));
        MAY.put("GET /api/profiles/{customerId}/ledger", READERS);
        MAY.put("GET /api/reports/receivables", Set.of("manager", "admin", "finance"));
        // a rep drills into its route reports only, finance into receivables only (the drill-down refuses the others)
        MAY.put("GET /api/reports/drill", Set.of("manager", "admin", "finance", "sales"));
        for (String route : List.of("distribution", "route-week", "plan-adherence", "trade-types")) {
            MAY.put("GET /api/reports/" + route, Set.of("sales", "manager", "admin"));
        }
        MAY.put("GET /api/catalogue", Set.of("sales", "manager", "auditor", "admin", "clerk"));
        // the route card: a lead puts an outlet on a route (the development manager is no member: it leads)
        MAY.put("PUT /api/customers/{customerId}/route", Set.of("manager"));
        MAY.put("POST /api/customers/{customerId}/remarks", Set.of("manager"));
        MAY.put("POST /api/customers/{customerId}/remarks/{remarkNo}/acknowledge", WRITERS);
        MAY.put("GET /api/routes/{routeNo}", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/routes/{routeNo}/plan", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/routes/{routeNo}/card", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/audit/checkpoint", AUDIT);
        MAY.put("GET /api/audit/access", AUDIT);
        for (String report : List.of("GET /api/follow-ups/overdue", "GET /api/complaints",
                "GET /api/reports/grade-migration", "GET /api/reports/activity", "GET /api/reports/lifecycle",
                "GET /api/reports/at-risk", "GET /api/reports/value", "GET /api/reports/referrals",
                "GET /api/reports/statistics", "GET /api/reports/complaints", "GET /api/reports/membership",
                "GET /api/reports/briefing", "GET /api/reports/forgotten",
                "GET /api/reports/pool",
                "GET /api/admin/projections", "GET /api/admin/projections/{name}")) {
            MAY.put(report, MANAGERS);
        }
        for (String frozen : List.of("GET /api/reports/snapshots", "GET /api/reports/snapshots/{id}",
                "GET /api/reports/snapshots/{id}/verify")) {
            MAY.put(frozen, Set.of("manager", "auditor", "admin"));
        }
        MAY.put("POST /api/reports/snapshots", MANAGERS);
        MAY.put("POST /api/admin/projections/{name}/replay", Set.of("admin"));
        MAY.put("GET /api/admin/dead-letters", Set.of("admin"));
        MAY.put("POST /api/admin/dead-letters/retry", Set.of("admin"));
        MAY.put("GET /api/agenda", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/membership-cards", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/membership-cards/{cardNumber}", Set.of("sales", "manager", "auditor", "outlet", "admin"));
        MAY.put("GET /api/events", Set.of("integrator", "admin"));
        MAY.put("GET /api/events/stream", Set.of("integrator", "admin"));
        MAY.put("GET /api/me", Set.of("sales", "manager", "auditor", "integrator", "outlet", "admin", "clerk",
                "finance"));
    }

    @LocalServerPort
    int port;

    @Test
    void every_operation_answers_every_role_as_the_contract_says() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String base : List.of(COMMAND_SIDE.baseUrl(), "http://localhost:" + port)) {
            for (OpenApi.Operation operation : OpenApi.servedBy(new Api(base)).operations()) {
                seen.add(operation.name());
                assertThat(MAY).as("who may " + operation.name() + " is decided in this test's table")
                        .containsKey(operation.name());
                String concrete = base + concrete(operation.path());
                int anonymous = status(operation.method(), concrete, null);
                if (anonymous != 401) {
                    wrong.add(operation.name() + " anonymous: " + answer(anonymous));
                }
                for (String role : ROLES) {
                    int status = status(operation.method(), concrete, role);
                    boolean may = MAY.get(operation.name()).contains(role);
                    boolean answered = ANSWERS_TO_ONE_WHO_MAY.contains(status)
                            || status == 404 && operation.path().contains("{");
                    if (may ? !answered : status != 403) {
                        wrong.add(operation.name() + " as " + role + ": " + answer(status));
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(seen).as("every operation of the table is served").containsAll(MAY.keySet());
    }

    /** A path with its variables filled: unknown ids, a well-formed card number, a projection's name. */
    private static String concrete(String template) {
        return template.replace("{cardNumber}", MembershipCardNumber.withCheckDigit("888600000000001"))
                .replace("{purchaseNo}", "1").replace("{name}", "no-such-model")
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString())
                + (template.endsWith("/as-of") ? "?version=1" : "");
    }

    private static String answer(int status) {
        return status == NO_ANSWER ? "no answer within " + ANSWER_WITHIN : Integer.toString(status);
    }

    /**
     * The status only, once the answer has begun (a stream's status line comes before its first event);
     * {@link #NO_ANSWER} when it has not within {@link #ANSWER_WITHIN}.
     */
    private static int status(String method, String url, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_WITHIN)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<java.io.InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (HttpTimeoutException hung) {
            return NO_ANSWER;
        }
    }
}
