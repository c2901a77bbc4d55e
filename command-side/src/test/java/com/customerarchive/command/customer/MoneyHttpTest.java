package com.customerarchive.command.customer;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.PaymentTerms;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.testsupport.Api;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money after the sale over HTTP on real PostgreSQL: terms and limits wait for a second manager ("boss", beside the
 * development users); bad input is a clear 400 that writes nothing.
 */
@org.springframework.test.context.TestPropertySource(properties = {
        "archive.security.users.boss.password={noop}boss-pw", "archive.security.users.boss.roles=MANAGER"})
class MoneyHttpTest extends PostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    Api api;
    String id;

    @BeforeEach
    void registerOne() {
        api = new Api("http://localhost:" + port);
        var created = api.post("/api/customers", "sales", """
                {"kind": "ORGANIZATION", "nature": "TRADING_PARTNER", "tier": "REGULAR", "source": "EXHIBITION",
                 "grade": "C", "ownerId": "sales", "card": {"basic": {"name": "Ningbo Paper Co."}}}""");
        assertThat(created.status()).isEqualTo(201);
        id = created.json().get("customerId").asString();
        assertThat(api.post("/api/customers/" + id + "/purchases", "sales", """
                {"product": "paper", "quantity": 10, "amount": 1000, "orderRef": "SO-1"}""").status()).isEqualTo(201);
    }

    private List<Object> events() {
        return eventStore.readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList();
    }

    private void assertBadField(Api.Response answer, String field, String message) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").valueStream()
                .anyMatch(error -> error.get("field").asString().equals(field)
                        && error.get("message").asString().contains(message)))
                .as(answer.raw().body()).isTrue();
        assertThat(events()).hasSize(2);
    }

    @Test
    void terms_and_limits_wait_for_a_manager_other_than_their_author_and_then_the_next_shipment_is_due_by_them() {
        // the rating changes at once; terms and limits are proposed (even with review off, as here)
        var proposed = api.put("/api/customers/" + id + "/credit", "manager", """
                {"terms": {"kind": "MONTHLY_STATEMENT", "day": 25}, "creditLimits": {"CNY": 50000, "USD": 8000},
                 "creditRating": "AA"}""");
        assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(200);
        assertThat(proposed.json().get("changed").valueStream().map(node -> node.asString()).toList())
                .containsExactly("payment.creditRating");
        assertThat(proposed.json().at("/proposal/fields").valueStream().map(node -> node.asString()).toList())
                .containsExactly("payment.creditLimits.CNY", "payment.creditLimits.USD", "payment.terms.day",
                        "payment.terms.kind");
        String proposal = proposed.json().at("/proposal/proposalId").asString();
        var cash = api.post("/api/customers/" + id + "/purchases/1/shipments", "finance",
                "{\"quantity\": 1, \"amount\": 100, \"reference\": \"DN-1\", \"shippedAt\": \"2026-01-10T02:00:00Z\"}");
        assertThat(cash.json().get("dueOn").asString()).as("still cash until approved").isEqualTo("2026-01-10");
        var byAuthor = api.post("/api/customers/" + id + "/proposals/" + proposal + "/approve", "manager", "{}");
        assertThat(byAuthor.status()).isEqualTo(409);
        assertThat(byAuthor.json().get("type").asString()).endsWith("/reviewer-is-author");
        var approved = api.post("/api/customers/" + id + "/proposals/" + proposal + "/approve", "boss", "{}");
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        var monthly = api.post("/api/customers/" + id + "/purchases/1/shipments", "finance",
                "{\"quantity\": 1, \"amount\": 100, \"reference\": \"DN-2\", \"shippedAt\": \"2026-01-10T02:00:00Z\"}");
        assertThat(monthly.json().get("dueOn").asString()).as("25 February: the month after January").isEqualTo("2026-02-25");
        var edited = events().stream().filter(ProfileCardEditedEvent.class::isInstance)
                .map(ProfileCardEditedEvent.class::cast).reduce((first, second) -> second).orElseThrow();
        assertThat(edited.card().payment().terms()).isEqualTo(PaymentTerms.monthlyStatement(25));
        assertThat(edited.card().payment().limitIn("USD")).isEqualByComparingTo(new BigDecimal("8000"));
        assertThat(edited.card().payment().creditRating()).isEqualTo("AA");
    }

    @Test
    void incomplete_terms_an_unknown_rating_a_currency_that_is_none_and_a_negative_limit_are_refused() {
        assertBadField(api.put("/api/customers/" + id + "/credit", "finance", "{\"terms\": {\"kind\": \"NET_DAYS\"}}"),
                "payment.terms", "NET_DAYS takes days from 1 to 365");
        assertBadField(api.put("/api/customers/" + id + "/credit", "finance", "{\"creditRating\": \"AAAA\"}"),
                "payment.creditRating", "must be one of [AAA, AA, A, B, C]");
        assertBadField(api.put("/api/customers/" + id + "/credit", "finance", "{\"creditLimits\": {\"RMB\": 100}}"),
                "payment.creditLimits.RMB", "ISO 4217");
        assertBadField(api.put("/api/customers/" + id + "/credit", "finance", "{\"creditLimits\": {\"CNY\": -1}}"),
                "payment.creditLimits.CNY", "0 or more");
        assertBadField(api.put("/api/customers/" + id + "/credit", "finance", "{\"limit\": 100}"), "limit",
                "not a field of the credit terms");
        assertBadField(api.patch("/api/customers/" + id + "/card", "sales",
                "{\"payment\": {\"terms\": {\"kind\": \"MONTHLY_STATEMENT\", \"day\": 0}}}"), "payment.terms",
                "MONTHLY_STATEMENT takes the statement's day");
    }

    @Test
    void a_shipment_or_collection_that_does_not_add_up_is_refused_and_only_finance_records_money() {
        assertBadField(api.post("/api/customers/" + id + "/purchases/1/shipments", "finance",
                "{\"quantity\": 1, \"amount\": -5, \"reference\": \"DN-1\"}"), "amount", "greater than 0");
        assertBadField(api.post("/api/customers/" + id + "/collections", "finance",
                "{\"amount\": 5, \"currency\": \"XXY\", \"reference\": \"B-1\"}"), "currency", "ISO 4217");
        assertBadField(api.post("/api/customers/" + id + "/collections", "finance",
                "{\"amount\": 5, \"reference\": \"B 1\"}"), "reference", "letters, digits");
        assertThat(api.post("/api/customers/" + id + "/purchases/1/shipments", "sales",
                "{\"quantity\": 1, \"amount\": 5, \"reference\": \"DN-1\"}").status()).isEqualTo(403);
        assertThat(api.post("/api/customers/" + id + "/collections", "manager",
                "{\"amount\": 5, \"reference\": \"B-1\"}").status()).isEqualTo(403);
        var unknown = api.post("/api/customers/" + id + "/collections/NOPE/reverse", "finance", "{\"reason\": \"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).endsWith("/collection-not-found");
        assertThat(events()).hasSize(2);
    }
}
