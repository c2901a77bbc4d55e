package com.customerarchive.command.customer;

import com.customerarchive.testsupport.Api;
import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.ComplaintAssignedEvent;
import com.customerarchive.events.ComplaintClosedEvent;
import com.customerarchive.events.ComplaintFiledEvent;
import com.customerarchive.events.ComplaintFollowedUpEvent;
import com.customerarchive.events.ComplaintReopenedEvent;
import com.customerarchive.events.ComplaintResolvedEvent;
import com.customerarchive.events.ConsentRecordedEvent;
import com.customerarchive.events.CustomerArchivedEvent;
import com.customerarchive.events.CustomerReactivatedEvent;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.Grade;
import com.customerarchive.events.GradeChangedEvent;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.OwnerTransferredEvent;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of the command-side contract, over HTTP, on real PostgreSQL. */
class CommandApiHttpTest extends PostgresTest {

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
                 "grade": "C", "ownerId": "rep-1",
                 "card": {"basic": {"name": "Suzhou Silk Trading", "email": "hello@silk.example",
                                    "address": {"province": "Jiangsu", "city": "Suzhou"}},
                          "contacts": [{"name": "Wang Wei", "role": "DECISION_MAKER"}]}}""");
        assertThat(created.status()).isEqualTo(201);
        id = created.json().get("customerId").asString();
    }

    private String path(String rest) {
        return "/api/customers/" + id + rest;
    }

    private List<Object> events() {
        return eventStore.readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList();
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/" + type);
        assertThat(response.json().get("detail").asString()).isNotBlank();
    }

    @Test
    void a_card_edit_answers_the_changed_paths_and_new_version_and_a_no_op_writes_nothing() {
        var edited = api.patch(path("/card"), "sales",
                "{\"basic\": {\"email\": \"sales@silk.example\", \"address\": {\"city\": \"Wuxi\"}, \"website\": null}}");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        assertThat(edited.json().get("version").asLong()).isEqualTo(2);
        assertThat(edited.json().get("changed").valueStream().map(node -> node.asString()))
                .containsExactly("basic.address.city", "basic.email");
        var event = (ProfileCardEditedEvent) events().get(1);
        assertThat(event.changes()).extracting("field", "from", "to").containsExactly(
                org.assertj.core.groups.Tuple.tuple("basic.address.city", "Suzhou", "Wuxi"),
                org.assertj.core.groups.Tuple.tuple("basic.email", "hello@silk.example", "sales@silk.example"));
        assertThat(event.card().basic().address().province()).isEqualTo("Jiangsu");

        var again = api.patch(path("/card"), "sales", "{\"basic\": {\"email\": \"sales@silk.example\"}}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("changed").isEmpty()).isTrue();
        assertThat(again.json().get("version").asLong()).isEqualTo(2);
        assertThat(events()).hasSize(2);
    }

    @Test
    void a_card_edit_with_unknown_fields_wrong_types_or_a_blank_name_is_a_400_naming_them() {
        var response = api.patch(path("/card"), "sales", """
                {"basic": {"name": "", "nickname": "Silky", "email": "no-at-sign", "birthday": "99999-01-01"}}""");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("basic.birthday", "basic.email", "basic.name", "basic.nickname");
        var typed = api.patch(path("/card"), "sales", "{\"basic\": {\"employees\": \"many\"}}");
        assertProblem(typed, 400, "invalid-request");
        assertThat(typed.json().get("errors").findValuesAsString("field")).containsExactly("basic.employees");
        var blank = api.patch(path("/card"), "sales", "{\"basic\": {\"name\": null}}");
        assertThat(blank.json().get("errors").findValuesAsString("field")).containsExactly("basic.name");
        assertThat(events()).hasSize(1);
    }

    @Test
    void a_card_edit_with_many_bad_fields_in_every_section_names_them_all_in_one_answer() {
        var response = api.patch(path("/card"), "sales", """
                {"basic": {"nickname": "Silky", "birthday": "not-a-date", "gender": "ROBOT", "occupation": "trader"},
                 "business": {"localMarketRank": "first", "annualVolume": "lots"},
                 "contacts": [{"name": "Li Lei", "role": "BOSS"}],
                 "payment": "cash", "extra": 1}""");

        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("basic.birthday",
                "basic.gender", "basic.nickname", "business.annualVolume", "business.localMarketRank",
                "contacts[0].role", "extra", "payment");
        assertThat(events()).hasSize(1);
    }

    @Test
    void a_purchase_is_201_numbered_idempotent_by_order_and_its_figures_are_checked_exactly() {
        String body = """
                {"occurredAt": "2026-03-01T10:00:00Z", "product": "Silk scarves", "quantity": 12,
                 "amount": 1999.90, "orderRef": "SO-2026-001"}""";
        var first = api.post(path("/purchases"), "sales", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("purchaseNo").asInt()).isEqualTo(1);
        assertThat(first.json().get("version").asLong()).isEqualTo(2);
        var again = api.post(path("/purchases"), "sales", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("purchaseNo").asInt()).isEqualTo(1);
        assertProblem(api.post(path("/purchases"), "sales", body.replace("1999.90", "2999.90")), 409, "order-ref-taken");
        assertThat(events()).hasSize(2);
        PurchaseRecordedEvent recorded = (PurchaseRecordedEvent) events().get(1);
        assertThat(recorded.amount()).isEqualByComparingTo("1999.90");
        assertThat(recorded.currency()).isEqualTo("CNY");
        assertThat(recorded.purchasedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));

        var bad = api.post(path("/purchases"), "sales", """
                {"occurredAt": "2999-01-01T00:00:00Z", "product": "", "quantity": -1, "amount": 10.555,
                 "currency": "XYZ", "orderRef": "SO 2"}""");
        assertProblem(bad, 400, "invalid-request");
        assertThat(bad.json().get("errors").findValuesAsString("field")).contains("amount", "occurredAt", "orderRef",
                "product", "quantity");
        assertProblem(api.post(path("/purchases"), "sales", """
                {"product": "x", "quantity": 1, "amount": 1, "currency": "XYZ", "orderRef": "SO-3"}"""), 400,
                "invalid-request");

        assertThat(api.post(path("/purchases/1/cancel"), "sales", "{\"reason\": \"booked twice\"}").status()).isEqualTo(200);
        assertProblem(api.post(path("/purchases/1/cancel"), "sales", "{\"reason\": \"again\"}"), 409,
                "purchase-already-cancelled");
        assertProblem(api.post(path("/purchases/9/cancel"), "sales", "{\"reason\": \"none\"}"), 404, "purchase-not-found");
        assertThat(events()).hasSize(3);
    }

    @Test
    void the_purchase_figures_of_the_card_are_derived_and_refused_in_a_patch_or_a_registration() {
        var patch = api.patch(path("/card"), "sales", "{\"purchase\": {\"totalAmount\": 5000}}");
        assertProblem(patch, 400, "invalid-request");
        assertThat(patch.json().get("errors").findValuesAsString("field")).containsExactly("purchase.totalAmount");
        var registration = api.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "D",
                 "ownerId": "rep-1", "card": {"basic": {"name": "Li Na"}, "purchase": {"totalAmount": 10}}}""");
        assertProblem(registration, 400, "invalid-request");
        assertThat(registration.json().get("errors").findValuesAsString("field")).containsExactly("card.purchase.totalAmount");
        assertThat(events()).hasSize(1);
    }

    @Test
    void a_referrer_must_be_another_customer_of_the_archive_and_a_review_is_recorded() {
        var referrer = api.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "REFERRAL", "grade": "D",
                 "ownerId": "rep-1", "card": {"basic": {"name": "Zhou Min"}}, "referredBy": "%s"}""".formatted(id));
        assertThat(referrer.status()).isEqualTo(201);
        String referred = referrer.json().get("customerId").asString();
        assertThat(referrer.json().get("version").asLong()).isEqualTo(2);

        assertProblem(api.put(path("/referrer"), "sales", "{\"referredBy\": \"%s\", \"reason\": \"x\"}"
                .formatted(java.util.UUID.randomUUID())), 409, "unknown-referrer");
        assertProblem(api.put(path("/referrer"), "sales", "{\"referredBy\": \"%s\", \"reason\": \"x\"}".formatted(id)),
                409, "self-referral");
        assertThat(api.put(path("/referrer"), "sales", "{\"referredBy\": \"%s\", \"reason\": \"introduced at the fair\"}"
                .formatted(referred)).status()).isEqualTo(200);
        var reviewed = api.post(path("/review"), "sales", "{\"notes\": \"called, card current\"}");
        assertThat(reviewed.status()).isEqualTo(200);
        assertThat(reviewed.json().get("version").asLong()).isEqualTo(3);
        assertThat(events().get(2)).isInstanceOf(com.customerarchive.events.ProfileReviewedEvent.class);
    }

    @Test
    void a_grade_change_is_200_and_the_same_grade_or_no_reason_is_409_naming_the_rule() {
        var changed = api.put(path("/grade"), "manager", "{\"grade\": \"A\", \"reason\": \"contract drafted\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(events().get(1)).isEqualTo(new GradeChangedEvent(
                ((CustomerRegisteredEvent) events().get(0)).customerId(), Grade.C, Grade.A, "contract drafted"));

        var same = api.put(path("/grade"), "sales", "{\"grade\": \"A\", \"reason\": \"still A\"}");
        assertProblem(same, 409, "same-grade");
        assertThat(same.json().get("rule").asString()).isEqualTo("same-grade");
        assertProblem(api.put(path("/grade"), "sales", "{\"grade\": \"B\"}"), 409, "reason-required");
        assertProblem(api.put(path("/grade"), "sales", "{\"grade\": \"Z\", \"reason\": \"x\"}"), 400, "invalid-request");
        assertThat(events()).hasSize(2);
    }

    @Test
    void visits_are_201_numbered_per_customer_and_keep_both_times() {
        var first = api.post(path("/visits"), "sales", """
                {"occurredAt": "2026-11-02T06:30:00Z", "method": "ON_SITE_VISIT",
                 "contact": {"name": "Wang Wei", "role": "DECISION_MAKER"},
                 "notes": "showed the spring catalogue", "conclusion": "interested", "nextFollowUpOn": "2026-11-20"}""");
        var second = api.post(path("/visits"), "sales", "{\"method\": \"PHONE\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("visitNo").asInt()).isEqualTo(1);
        assertThat(second.json().get("visitNo").asInt()).isEqualTo(2);
        assertThat(second.header("ETag")).isEqualTo("\"3\"");
        var visit = (VisitRecordedEvent) events().get(1);
        assertThat(visit.gradeAtVisit()).isEqualTo(Grade.C);
        assertThat(visit.visitedAt()).isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
        var stored = eventStore.readEvents(id).asStream().toList().get(1);
        assertThat(stored.getMetaData().get("occurredAt")).isEqualTo("2026-11-02T06:30:00Z");
        assertThat(stored.getTimestamp()).isAfter(Instant.parse("2026-11-02T06:30:00Z"));

        var future = api.post(path("/visits"), "sales", "{\"method\": \"PHONE\", \"occurredAt\": \"2999-01-01T00:00:00Z\"}");
        assertProblem(future, 400, "invalid-request");
        var noMethod = api.post(path("/visits"), "sales", "{\"nextFollowUpOn\": \"2020-01-01\"}");
        assertThat(noMethod.json().get("errors").findValuesAsString("field")).contains("method");
        assertThat(events()).hasSize(3);
    }

    @Test
    void a_complaint_goes_from_filing_to_closing_and_can_be_reopened() {
        var filed = api.post(path("/complaints"), "sales",
                "{\"category\": \"PRODUCT_QUALITY\", \"severity\": \"CRITICAL\", \"description\": \"dye runs\", \"channel\": \"phone\"}");
        assertThat(filed.status()).isEqualTo(201);
        String complaint = "/complaints/" + filed.json().get("complaintId").asString();

        assertThat(api.post(path(complaint + "/assign"), "manager", "{\"assignee\": \"rep-5\"}").status()).isEqualTo(200);
        assertThat(api.post(path(complaint + "/resolve"), "sales",
                "{\"resolution\": \"batch replaced\", \"responsibility\": \"THIRD_PARTY\"}").status()).isEqualTo(200);
        assertThat(api.post(path(complaint + "/follow-up"), "sales", "{\"satisfaction\": 5, \"notes\": \"happy\"}")
                .status()).isEqualTo(200);
        var closed = api.post(path(complaint + "/close"), "sales", "{}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.header("ETag")).isEqualTo("\"6\"");
        var reopened = api.post(path(complaint + "/reopen"), "sales", "{\"reason\": \"dye runs again\"}");
        assertThat(reopened.status()).isEqualTo(200);

        assertThat(events()).extracting(event -> (Class) event.getClass()).containsExactly(
                CustomerRegisteredEvent.class, ComplaintFiledEvent.class, ComplaintAssignedEvent.class,
                ComplaintResolvedEvent.class, ComplaintFollowedUpEvent.class, ComplaintClosedEvent.class,
                ComplaintReopenedEvent.class);
    }

    @Test
    void each_forbidden_complaint_transition_is_409_naming_its_rule_and_writes_nothing() {
        String complaint = "/complaints/" + api.post(path("/complaints"), "sales",
                "{\"category\": \"BILLING\", \"severity\": \"LOW\", \"description\": \"double charge\"}")
                .json().get("complaintId").asString();

        assertProblem(api.post(path(complaint + "/resolve"), "sales",
                "{\"resolution\": \"refund\", \"responsibility\": \"OURS\"}"), 409, "complaint-not-assigned");
        assertProblem(api.post(path(complaint + "/follow-up"), "sales", "{\"satisfaction\": 3}"), 409,
                "complaint-not-resolved");
        assertProblem(api.post(path(complaint + "/close"), "sales", "{}"), 409, "complaint-not-followed-up");
        assertProblem(api.post(path(complaint + "/reopen"), "sales", "{\"reason\": \"?\"}"), 409,
                "complaint-still-open");
        api.post(path(complaint + "/assign"), "sales", "{\"assignee\": \"rep-5\"}");
        api.post(path(complaint + "/resolve"), "sales", "{\"resolution\": \"refund\", \"responsibility\": \"OURS\"}");
        assertProblem(api.post(path(complaint + "/follow-up"), "sales", "{\"satisfaction\": 9}"), 409,
                "satisfaction-out-of-range");
        assertProblem(api.post(path(complaint + "/resolve"), "sales",
                "{\"resolution\": \"again\", \"responsibility\": \"OURS\"}"), 409, "complaint-already-resolved");
        assertProblem(api.post(path(complaint + "/reopen"), "sales", "{}"), 409, "reason-required");
        assertThat(events()).hasSize(4);
    }

    @Test
    void an_unknown_customer_or_complaint_is_404() {
        String unknown = "/api/customers/" + UUID.randomUUID();
        assertProblem(api.put(unknown + "/grade", "sales", "{\"grade\": \"A\", \"reason\": \"x\"}"), 404,
                "customer-not-found");
        assertProblem(api.post(unknown + "/visits", "sales", "{\"method\": \"PHONE\"}"), 404, "customer-not-found");
        assertProblem(api.post(path("/complaints/" + UUID.randomUUID() + "/assign"), "sales",
                "{\"assignee\": \"rep-5\"}"), 404, "complaint-not-found");
        assertThat(eventStore.readEvents(unknown.substring("/api/customers/".length())).asStream().count()).isZero();
    }

    @Test
    void an_owner_transfer_is_200_and_to_the_current_owner_is_409() {
        assertThat(api.put(path("/owner"), "manager", "{\"ownerId\": \"rep-2\", \"reason\": \"rep-1 left\"}")
                .status()).isEqualTo(200);
        assertThat(events().get(1)).isInstanceOf(OwnerTransferredEvent.class);
        assertProblem(api.put(path("/owner"), "manager", "{\"ownerId\": \"rep-2\", \"reason\": \"again\"}"), 409,
                "same-owner");
        assertProblem(api.put(path("/owner"), "manager", "{\"ownerId\": \"rep 3!\", \"reason\": \"x\"}"), 400,
                "invalid-request");
    }

    @Test
    void an_archived_customer_accepts_only_reactivation() {
        assertThat(api.post(path("/archive"), "manager", "{\"reason\": \"moved abroad\"}").status()).isEqualTo(200);

        assertProblem(api.put(path("/grade"), "sales", "{\"grade\": \"A\", \"reason\": \"x\"}"), 409, "customer-archived");
        assertProblem(api.patch(path("/card"), "sales", "{\"basic\": {\"email\": \"x@y.example\"}}"), 409,
                "customer-archived");
        assertProblem(api.post(path("/visits"), "sales", "{\"method\": \"MAIL\"}"), 409, "customer-archived");
        assertProblem(api.post(path("/archive"), "sales", "{\"reason\": \"again\"}"), 409, "customer-archived");
        var reactivated = api.post(path("/reactivate"), "manager", "{\"reason\": \"back in town\"}");
        assertThat(reactivated.status()).isEqualTo(200);
        assertProblem(api.post(path("/reactivate"), "manager", "{\"reason\": \"twice\"}"), 409, "customer-not-archived");
        assertThat(events()).extracting(event -> (Class) event.getClass()).containsExactly(
                CustomerRegisteredEvent.class, CustomerArchivedEvent.class, CustomerReactivatedEvent.class);
    }

    @Test
    void consent_is_recorded_and_needs_granted_and_purpose() {
        assertThat(api.post(path("/consent"), "sales", "{\"granted\": false, \"purpose\": \"marketing\"}").status())
                .isEqualTo(200);
        assertThat(events().get(1)).isInstanceOf(ConsentRecordedEvent.class);
        var invalid = api.post(path("/consent"), "sales", "{}");
        assertThat(invalid.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("granted", "purpose");
    }

    @Test
    void if_match_with_the_current_version_writes_and_with_a_stale_one_is_409_writing_nothing() {
        assertThat(api.call("PUT", path("/grade"), "sales", "{\"grade\": \"B\", \"reason\": \"warming up\"}", "\"1\"")
                .status()).isEqualTo(200);

        var stale = api.call("PUT", path("/grade"), "sales", "{\"grade\": \"A\", \"reason\": \"old view\"}", "\"1\"");
        assertProblem(stale, 409, "version-conflict");
        assertThat(stale.json().get("detail").asString()).contains("version 1").contains("version 2");
        assertProblem(api.call("PUT", path("/grade"), "sales", "{\"grade\": \"A\", \"reason\": \"x\"}", "three"),
                400, "invalid-request");
        assertThat(events()).hasSize(2);
    }

    @Test
    void every_write_needs_credentials_and_a_writing_role() {
        assertThat(api.put(path("/grade"), null, "{\"grade\": \"A\", \"reason\": \"x\"}").status()).isEqualTo(401);
        assertThat(api.put(path("/grade"), "auditor", "{\"grade\": \"A\", \"reason\": \"x\"}").status()).isEqualTo(403);
        assertThat(api.post(path("/visits"), "integrator", "{\"method\": \"PHONE\"}").status()).isEqualTo(403);
        assertThat(api.post(path("/archive"), "admin", "{\"reason\": \"x\"}").status()).isEqualTo(403);
        assertThat(events()).hasSize(1);
    }
}
