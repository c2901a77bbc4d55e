package com.customerarchive.query.agenda;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.query.support.ComplaintSteps;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agenda's return visit (客户抱怨: follow up with a return visit): a complaint resolved and not yet followed up is on
 * its owner's agenda, due three days after the resolution, and on no other rep's; once followed up it is gone. In May
 * 2022, at 04:00–09:00 UTC, the same day in UTC and in Beijing; every date is long past, so every item is URGENT.
 */
class ReturnVisitAgendaTest extends BothAppsTest {

    private static final List<String> FIELDS = List.of("date", "kind", "urgency", "customerId", "name", "detail");

    @LocalServerPort
    int port;

    @Test
    void a_resolved_complaint_waits_on_its_owners_agenda_until_its_return_visit() {
        var commands = new Api(COMMAND_SIDE.baseUrl());
        var queries = new Api("http://localhost:" + port);
        String ownerC = "agenda-c-" + UUID.randomUUID().toString().substring(0, 8);
        String ownerD = "agenda-d-" + UUID.randomUUID().toString().substring(0, 8);
        // grade D, registered 2022-05-03 with no contact since: contact due 30 days later, on 2022-06-02
        ComplaintSteps c = ComplaintSteps.register(commands, ownerC, "Return Visit Looms", "2022-05-03T04:00:00Z");
        String complaint = c.resolved("DELIVERY", "HIGH", "2022-05-10T04:00:00Z", "OURS", "2022-05-11T06:00:00Z");
        ComplaintSteps d = ComplaintSteps.register(commands, ownerD, "Return Visit Dyes", "2022-05-03T04:00:00Z");
        d.resolved("BILLING", "LOW", "2022-05-12T05:00:00Z", "CUSTOMER", "2022-05-20T09:00:00Z");
        c.readBy(queries);
        d.readBy(queries);
        String looms = c.customerId();
        String dyes = d.customerId();

        assertThat(agenda(queries, ownerC, "2022-05-31")).containsExactly(
                "2022-05-14|RETURN_VISIT_DUE|URGENT|" + looms + "|Return Visit Looms|return visit after the delivery complaint resolved 2022-05-11",
                "2022-06-02|OVERDUE|URGENT|" + looms + "|Return Visit Looms|contact was due 2022-06-02 (grade D)");
        assertThat(agenda(queries, ownerC, "2022-05-14")).as("a period ending the day the return visit is due")
                .containsExactlyElementsOf(agenda(queries, ownerC, "2022-05-31"));
        assertThat(agenda(queries, ownerC, "2022-05-13")).as("a period ending the day before the return visit is due")
                .containsExactly(
                "2022-06-02|OVERDUE|URGENT|" + looms + "|Return Visit Looms|contact was due 2022-06-02 (grade D)");
        // the same agenda in Chinese: the details speak it, the kinds and urgencies stay codes
        assertThat(agenda(queries, ownerC, "2022-05-31", "zh-CN")).containsExactly(
                "2022-05-14|RETURN_VISIT_DUE|URGENT|" + looms + "|Return Visit Looms|2022-05-11 处理完毕的交付投诉待回访",
                "2022-06-02|OVERDUE|URGENT|" + looms + "|Return Visit Looms|应于 2022-06-02 联系（D 级客户）");
        List<String> otherRep = List.of(
                "2022-05-23|RETURN_VISIT_DUE|URGENT|" + dyes + "|Return Visit Dyes|return visit after the billing complaint resolved 2022-05-20",
                "2022-06-02|OVERDUE|URGENT|" + dyes + "|Return Visit Dyes|contact was due 2022-06-02 (grade D)");
        assertThat(agenda(queries, ownerD, "2022-05-31")).containsExactlyElementsOf(otherRep);

        // the return visit is made: no longer waiting, and it is a contact, so the next one is due 30 days after it
        c.followUp(complaint, 4, "2022-05-15T05:00:00Z");
        c.readBy(queries);
        assertThat(agenda(queries, ownerC, "2022-05-31")).containsExactly(
                "2022-06-14|OVERDUE|URGENT|" + looms + "|Return Visit Looms|contact was due 2022-06-14 (grade D)");
        assertThat(agenda(queries, ownerD, "2022-05-31")).containsExactlyElementsOf(otherRep);
    }

    /** The owner's agenda from 2022-05-01 to {@code to}, as a manager reads it: one line an item, fields joined by |. */
    private static List<String> agenda(Api queries, String ownerId, String to) {
        return agenda(queries, ownerId, to, "en");
    }

    private static List<String> agenda(Api queries, String ownerId, String to, String language) {
        Api.Response answer = queries.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(queries.baseUrl()
                + "/api/agenda?ownerId=" + ownerId + "&from=2022-05-01&to=" + to)).header("Accept-Language", language)
                .GET(), "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false)
                .map(item -> FIELDS.stream().map(field -> item.get(field).asString()).collect(Collectors.joining("|")))
                .toList();
    }
}
