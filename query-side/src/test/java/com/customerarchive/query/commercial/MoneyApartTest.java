package com.customerarchive.query.commercial;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.Csv;
import com.customerarchive.query.support.ExactJson;
import com.customerarchive.query.support.Xlsx;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money is never added across currencies (DOMAIN.md, Time and money), by HTTP through both apps, against a table
 * worked out by hand with the default rates of application.yml (CNY base, USD 7.10, EUR 7.80, none for GBP):
 * <pre>
 * customer  purchases (cancelled ones count nowhere)          totals per currency               scored (CNY)  excluded
 * Mixed     100.00 CNY, 10.00 USD, 20.00 EUR, 5.00 GBP;       CNY 100.00 EUR 20.00 GBP 5.00     100 + 71 + 156 GBP
 *           1000.00 USD cancelled                             USD 10.00                          = 327.00
 * Dollar    50.00 USD                                         USD 50.00                          355.00
 * Yuan      350.00 CNY                                        CNY 350.00                         350.00
 * Pound     1000.00 GBP                                       GBP 1000.00                        0.00       GBP
 * Referrer  none; referred Mixed and Dollar                   referred: CNY 100.00 EUR 20.00     100 + 426 + 156
 *                                                             GBP 5.00 USD 60.00                 = 682.00   GBP
 * owner     (statistics)                                      CNY 450.00 EUR 20.00 GBP 1005.00 USD 60.00
 * </pre>
 * Dollar, Yuan and Pound bought once each, at the same time, and registered together: only their totals tell them
 * apart, so the value report ranks Dollar (355.00), Yuan (350.00), Pound (0.00); summed as one number it would be
 * Pound (1000), Yuan (350), Dollar (50).
 */
class MoneyApartTest extends BothAppsTest {

    @LocalServerPort
    int port;

    private final Api commands = new Api(COMMAND_SIDE.baseUrl());
    private Api queries;
    private final String owner = "money-" + UUID.randomUUID().toString().substring(0, 8);
    private final Instant registeredAt = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final Instant boughtAt = registeredAt.plus(10, ChronoUnit.DAYS);

    @Test
    void totals_are_kept_per_currency_and_scores_convert_with_the_rates_they_name() {
        queries = new Api("http://localhost:" + port);
        String referrer = register("Referrer");
        String mixed = register("Mixed");
        buy(mixed, "M-1", "100.00", "CNY");
        buy(mixed, "M-2", "10.00", "USD");
        buy(mixed, "M-3", "20.00", "EUR");
        buy(mixed, "M-4", "5.00", "GBP");
        buy(mixed, "M-5", "1000.00", "USD");
        assertThat(commands.post("/api/customers/" + mixed + "/purchases/5/cancel", "sales",
                "{\"reason\": \"booked twice\"}").status()).isEqualTo(200);
        String dollar = register("Dollar");
        buy(dollar, "D-1", "50.00", "USD");
        String yuan = register("Yuan");
        buy(yuan, "Y-1", "350.00", "CNY");
        String pound = register("Pound");
        buy(pound, "P-1", "1000.00", "GBP");
        for (String referred : List.of(mixed, dollar)) {
            assertThat(commands.put("/api/customers/" + referred + "/referrer", "sales",
                    "{\"referredBy\": \"%s\", \"reason\": \"introduced\"}".formatted(referrer)).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> profile(mixed, 8) && profile(dollar, 3)
                && profile(yuan, 2) && profile(pound, 2));

        // the profile: totals per currency; total only where the purchases are in one currency
        JsonNode mixedProfile = ExactJson.of(queries.get("/api/profiles/" + mixed, "manager"));
        assertThat(mixedProfile.at("/purchases/count").asInt()).isEqualTo(4);
        assertThat(mixedProfile.at("/purchases/totals").toString()).isEqualTo("""
                [{"currency":"CNY","amount":100.00},{"currency":"EUR","amount":20.00},\
                {"currency":"GBP","amount":5.00},{"currency":"USD","amount":10.00}]""");
        assertThat(mixedProfile.at("/purchases").has("total")).isFalse();
        assertThat(mixedProfile.at("/card/purchase/totalAmount").isNull()).isTrue();
        Map<String, String> single = Map.of(dollar, "USD 50.00", yuan, "CNY 350.00", pound, "GBP 1000.00");
        single.forEach((customer, expected) -> {
            JsonNode purchases = ExactJson.of(queries.get("/api/profiles/" + customer, "manager")).get("purchases");
            assertThat(line(purchases.get("totals").get(0))).isEqualTo(expected);
            assertThat(purchases.get("totals")).hasSize(1);
            assertThat(purchases.get("total").decimalValue().toPlainString()).isEqualTo(expected.substring(4));
        });

        // value inputs: converted to CNY at the rates named; GBP has none, so it is left out and named
        Map<String, String> scored = Map.of(mixed, "CNY 327.00 {\"EUR\":7.80,\"USD\":7.10} [\"GBP\"]",
                dollar, "CNY 355.00 {\"USD\":7.10} []", yuan, "CNY 350.00 {} []", pound, "CNY 0.00 {} [\"GBP\"]",
                referrer, "CNY 0.00 {} []");
        scored.forEach((customer, expected) -> assertThat(scored(ExactJson.of(queries.get("/api/profiles/" + customer,
                "manager")).get("value"))).as(customer).isEqualTo(expected));
        JsonNode value = ExactJson.of(queries.get("/api/reports/value?top=1000&ownerId=" + owner, "manager"));
        assertThat(value).hasSize(5);
        assertThat(value.valueStream().map(row -> row.get("customerId").asString())
                .filter(List.of(dollar, yuan, pound)::contains).toList()).containsExactly(dollar, yuan, pound);
        value.forEach(row -> {
            String customer = row.get("customerId").asString();
            assertThat(scored(row.get("value"))).as(customer).isEqualTo(scored.get(customer));
        });
        JsonNode mixedRanked = value.valueStream().filter(row -> row.get("customerId").asString().equals(mixed))
                .findFirst().orElseThrow();
        assertThat(mixedRanked.get("totals")).isEqualTo(mixedProfile.at("/purchases/totals"));
        assertThat(mixedRanked.has("purchaseTotal")).isFalse();

        // referrals: what the referred bought, per currency, and ranked in CNY
        JsonNode referrerValue = ExactJson.of(queries.get("/api/profiles/" + referrer, "manager")).get("value");
        String referred = """
                [{"currency":"CNY","amount":100.00},{"currency":"EUR","amount":20.00},\
                {"currency":"GBP","amount":5.00},{"currency":"USD","amount":60.00}]""";
        assertThat(referrerValue.get("referrals").asInt()).isEqualTo(2);
        assertThat(referrerValue.get("referredTotals").toString()).isEqualTo(referred);
        assertThat(referrerValue.has("referredPurchaseTotal")).isFalse();
        JsonNode referral = ExactJson.of(queries.get("/api/reports/referrals?from=" + registeredAt.minusSeconds(1),
                "manager")).valueStream().filter(row -> row.get("customerId").asString().equals(referrer)).findFirst().orElseThrow();
        assertThat(referral.get("referred").asInt()).isEqualTo(2);
        assertThat(referral.get("totals").toString()).isEqualTo(referred);
        assertThat(referral.has("referredPurchaseTotal")).isFalse();
        assertThat(converted(referral.get("ranked"))).isEqualTo("CNY 682.00 {\"EUR\":7.80,\"USD\":7.10} [\"GBP\"]");
        List<Map<String, String>> referralRows = csv("/api/reports/referrals?from=" + registeredAt.minusSeconds(1))
                .stream().filter(row -> referrer.equals(row.get("customerId"))).toList();
        assertThat(referralRows).extracting(row -> row.get("currency") + " " + row.get("totals") + " " + row.get("referred"))
                .containsExactly("CNY 100.00 2", "EUR 20.00 2", "GBP 5.00 2", "USD 60.00 2");

        // statistics by owner: one line per currency in JSON, one row per currency in CSV
        String period = "from=" + registeredAt.minusSeconds(1) + "&to=" + boughtAt.plusSeconds(1) + "&by=owner";
        JsonNode statistics = ExactJson.of(queries.get("/api/reports/statistics?" + period, "manager")).valueStream()
                .filter(row -> row.get("key").asString().equals(owner)).findFirst().orElseThrow();
        assertThat(statistics.get("customers").asInt()).isEqualTo(5);
        assertThat(statistics.get("purchases").asInt()).isEqualTo(7);
        assertThat(statistics.get("totals").toString()).isEqualTo("""
                [{"currency":"CNY","amount":450.00},{"currency":"EUR","amount":20.00},\
                {"currency":"GBP","amount":1005.00},{"currency":"USD","amount":60.00}]""");
        assertThat(statistics.has("purchaseTotal")).isFalse();
        assertThat(csv("/api/reports/statistics?" + period).stream().filter(row -> row.get("key").equals(owner))
                .map(row -> row.get("currency") + " " + row.get("totals") + " " + row.get("purchases")).toList())
                .containsExactly("CNY 450.00 7", "EUR 20.00 7", "GBP 1005.00 7", "USD 60.00 7");
        // and in Excel, asked in Chinese: the amounts are numbers, each on its currency's row
        Xlsx.Workbook workbook = Xlsx.get("http://localhost:" + port, "/api/reports/statistics?" + period, "manager",
                "zh-CN");
        assertThat(workbook.rows().stream().filter(row -> owner.equals(row.get("key")))
                .map(row -> List.of(row.get("币种"), row.get("合计"), row.get("购买"))).toList())
                .containsExactly(List.of("CNY", 450.0, 7.0), List.of("EUR", 20.0, 7.0), List.of("GBP", 1005.0, 7.0),
                        List.of("USD", 60.0, 7.0));
    }

    private String register(String name) {
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "%s", "occurredAt": "%s", "card": {"basic": {"name": "%s"}}}"""
                .formatted(owner, registeredAt, name));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private void buy(String customer, String orderRef, String amount, String currency) {
        Api.Response bought = commands.post("/api/customers/" + customer + "/purchases", "sales", """
                {"occurredAt": "%s", "product": "tea", "quantity": 1, "amount": %s, "currency": "%s", "orderRef": "%s"}"""
                .formatted(boughtAt, amount, currency, orderRef));
        assertThat(bought.status()).as(bought.raw().body()).isEqualTo(201);
    }

    private boolean profile(String customer, long version) {
        return queries.get("/api/profiles/" + customer + "?minVersion=" + version, "manager").status() == 200;
    }

    private List<Map<String, String>> csv(String path) {
        return Csv.rows(queries.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/csv").GET(), "manager").raw().body());
    }

    private static String line(JsonNode amount) {
        return amount.get("currency").asString() + " " + amount.get("amount").decimalValue().toPlainString();
    }

    /** A value's score input: its converted total, the rates and the currencies left out. */
    private static String scored(JsonNode value) {
        return line(value.get("scoredTotal")) + " " + value.get("rates") + " " + value.get("excludedCurrencies");
    }

    private static String converted(JsonNode ranked) {
        return line(ranked.get("total")) + " " + ranked.get("rates") + " " + ranked.get("excludedCurrencies");
    }
}
