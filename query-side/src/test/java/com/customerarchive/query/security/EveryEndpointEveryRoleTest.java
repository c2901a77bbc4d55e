package com.customerarchive.query.security;

import com.customerarchive.events.MembershipCardNumber;
import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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
 * (API.md, written here by hand and not read from the apps): a role that may is never 401/403, a role that may not
 * is 403, no credentials is 401. An operation the table does not name fails the test, so a new one must be decided.
 */
class EveryEndpointEveryRoleTest extends BothAppsTest {

    private static final List<String> ROLES = List.of("sales", "manager", "auditor", "integrator", "outlet", "admin");
    private static final Set<String> WRITERS = Set.of("sales", "manager");
    private static final Set<String> READERS = Set.of("sales", "manager", "auditor", "admin");
    private static final Set<String> MANAGERS = Set.of("manager", "admin");
    private static final Set<String> AUDIT = Set.of("auditor", "admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
        MAY.put("POST /api/customers/membership-cards/{cardNumber}/uses", Set.of("sales", "manager", "outlet"));
        MAY.put("DELETE /api/customers/{customerId}/personal-data", Set.of("admin"));
        MAY.put("DELETE /api/customers/{customerId}/personal-data/{field}", Set.of("admin"));
        for (String read : List.of("GET /api/profiles", "GET /api/profiles/{customerId}",
                "GET /api/profiles/{customerId}/history", "GET /api/profiles/{customerId}/changes",
                "GET /api/profiles/{customerId}/grades", "GET /api/profiles/{customerId}/as-of",
                "GET /api/profiles/{customerId}/verify", "GET /api/profiles/{customerId}/visits",
                "GET /api/profiles/{customerId}/purchases")) {
            MAY.put(read, READERS);
        }
        MAY.put("GET /api/profiles/{customerId}/access-log", AUDIT);
        MAY.put("GET /api/audit/checkpoint", AUDIT);
        for (String report : List.of("GET /api/follow-ups/overdue", "GET /api/complaints",
                "GET /api/reports/grade-migration", "GET /api/reports/activity", "GET /api/reports/lifecycle",
                "GET /api/reports/at-risk", "GET /api/reports/value", "GET /api/reports/referrals",
                "GET /api/reports/statistics", "GET /api/reports/complaints", "GET /api/reports/membership",
                "GET /api/admin/projections", "GET /api/admin/projections/{name}")) {
            MAY.put(report, MANAGERS);
        }
        MAY.put("POST /api/admin/projections/{name}/replay", Set.of("admin"));
        MAY.put("GET /api/admin/dead-letters", Set.of("admin"));
        MAY.put("POST /api/admin/dead-letters/retry", Set.of("admin"));
        MAY.put("GET /api/agenda", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/membership-cards", Set.of("sales", "manager", "admin"));
        MAY.put("GET /api/membership-cards/{cardNumber}", Set.of("sales", "manager", "auditor", "outlet", "admin"));
        MAY.put("GET /api/events", Set.of("integrator", "admin"));
        MAY.put("GET /api/events/stream", Set.of("integrator", "admin"));
        MAY.put("GET /api/me", Set.of("sales", "manager", "auditor", "integrator", "outlet", "admin"));
    }

    @LocalServerPort
    int port;

    @Test
    void every_operation_answers_every_role_as_the_contract_says() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String base : List.of(COMMAND_SIDE.baseUrl(), "http://localhost:" + port)) {
            JsonNode paths = new Api(base).get("/v3/api-docs", null).json().get("paths");
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (String method : path.getValue().propertyNames()) {
                    String operation = method.toUpperCase() + " " + path.getKey();
                    seen.add(operation);
                    assertThat(MAY).as("who may " + operation + " is decided in this test's table").containsKey(operation);
                    String concrete = base + concrete(path.getKey());
                    int anonymous = status(method.toUpperCase(), concrete, null);
                    if (anonymous != 401) {
                        wrong.add(operation + " anonymous: " + anonymous);
                    }
                    for (String role : ROLES) {
                        int status = status(method.toUpperCase(), concrete, role);
                        boolean may = MAY.get(operation).contains(role);
                        if (may ? status == 401 || status == 403 : status != 403) {
                            wrong.add(operation + " as " + role + ": " + status);
                        }
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

    /** The status only; a stream that answers and goes on counts by its status line. */
    private static int status(String method, String url, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
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
        } catch (HttpTimeoutException stillStreaming) {
            return 200;
        }
    }
}
