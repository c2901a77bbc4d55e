package com.customerarchive.command.profile;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.KeyPerson;
import com.customerarchive.events.KeyPersonRole;
import com.customerarchive.events.PremisesTenure;
import com.customerarchive.events.ProfileCard;
import com.customerarchive.events.ProfileCardEditedEvent;
import com.customerarchive.testsupport.Api;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card completed to the seed's form (丸石 客户档案卡): key persons, aliases, assets, premises, bank, markets,
 * requirements, goals and problems, our sales against competitors' — written over HTTP, read back from the event
 * store, personal parts encrypted in it; the phone rule and the sensitive fields' rules answered as problems. The
 * religion purpose is PostgresTest's ({@code archive.card.religion-purpose=宗教关怀服务}).
 */
class SeedFormCardTest extends PostgresTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api("http://localhost:" + port);
    }

    private static final String SEED_CARD = """
            {"basic": {"name": "丸石五金（杭州）有限公司", "shortName": "丸石五金", "aliases": ["丸石", "Maruishi"],
                       "phones": ["0571-86012345"], "employees": 85, "fixedAssets": 6800000.00,
                       "premises": {"tenure": "RENTED", "area": 1200.5},
                       "bank": {"bank": "中国工商银行杭州滨江支行", "accountName": "丸石五金（杭州）有限公司",
                                "accountNumber": "1202 0262 0900 0456 789"}},
             "keyPersons": [
               {"role": "LEGAL_REPRESENTATIVE", "name": "石田健一", "gender": "MALE", "title": "董事长",
                "birthDate": "1968-04-02", "education": "大学", "nativePlace": "大阪",
                "phones": ["0571-86012300"], "fax": "0571-86012399", "mobile": "13905710001"},
               {"role": "GENERAL_MANAGER", "name": "周建华", "gender": "MALE", "title": "总经理",
                "mobile": "+86 139 0571 0002"}],
             "business": {"mainProducts": ["五金工具"], "markets": ["浙江", "江苏", "日本"],
                          "requirements": {"delivery": "每周二送货", "packaging": "纸箱，每箱 20 件",
                                           "timeliness": "下单后 48 小时内"},
                          "goals": "三年内进入华东前五", "problems": "仓库不足，旺季缺货",
                          "competitorSales": [{"product": "扳手", "period": "2026", "ourSales": 120000,
                                               "competitor": "世达", "competitorSales": 300000, "currency": "CNY"}]}}""";

    private String registration(UUID id, String kind, String card) {
        return """
                {"customerId": "%s", "kind": "%s", "nature": "%s", "tier": "KEY", "source": "ON_SITE",
                 "grade": "B", "ownerId": "sales", "card": %s}"""
                .formatted(id, kind, kind.equals("INDIVIDUAL") ? "INDIVIDUAL" : "COMPANY", card);
    }

    @Test
    void the_seed_forms_fields_are_kept_as_written_and_the_key_persons_are_encrypted_in_the_store() {
        UUID id = UUID.randomUUID();

        var answer = api.post("/api/customers", "sales", registration(id, "ORGANIZATION", SEED_CARD));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        ProfileCard card = ((CustomerRegisteredEvent) eventStore.readEvents(id.toString()).asStream()
                .findFirst().orElseThrow().getPayload()).card();
        assertThat(card.basic().aliases()).containsExactly("丸石", "Maruishi");
        assertThat(card.basic().fixedAssets()).isEqualByComparingTo("6800000");
        assertThat(card.basic().premises().tenure()).isEqualTo(PremisesTenure.RENTED);
        assertThat(card.basic().premises().area()).isEqualByComparingTo("1200.5");
        assertThat(card.basic().bank().accountNumber()).isEqualTo("1202 0262 0900 0456 789");
        assertThat(card.keyPersons()).extracting(KeyPerson::role, KeyPerson::name, KeyPerson::mobile)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(KeyPersonRole.LEGAL_REPRESENTATIVE, "石田健一", "13905710001"),
                        org.assertj.core.groups.Tuple.tuple(KeyPersonRole.GENERAL_MANAGER, "周建华", "+86 139 0571 0002"));
        assertThat(card.keyPersons().get(0).birthDate()).isEqualTo(LocalDate.of(1968, 4, 2));
        assertThat(card.keyPersons().get(0).fax()).isEqualTo("0571-86012399");
        assertThat(card.business().markets()).containsExactly("浙江", "江苏", "日本");
        assertThat(card.business().requirements().timeliness()).isEqualTo("下单后 48 小时内");
        assertThat(card.business().goals()).isEqualTo("三年内进入华东前五");
        assertThat(card.business().problems()).isEqualTo("仓库不足，旺季缺货");
        assertThat(card.business().competitorSales()).singleElement().satisfies(sale -> {
            assertThat(sale.competitor()).isEqualTo("世达");
            assertThat(sale.ourSales()).isEqualByComparingTo("120000");
            assertThat(sale.competitorSales()).isEqualByComparingTo(new BigDecimal("300000"));
        });

        String stored = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry "
                + "WHERE aggregate_identifier = :id").param("id", id.toString()).query(String.class).single();
        // the key persons are personal data: neither their names nor their numbers are readable in the store
        assertThat(stored).doesNotContain("石田健一").doesNotContain("周建华").doesNotContain("13905710001")
                .doesNotContain("1968-04-02").doesNotContain("0571-86012399").doesNotContain("0571-86012300")
                .doesNotContain("大阪");
        // the organisation's own account, its aliases and its business are not personal
        assertThat(stored).contains("1202 0262 0900 0456 789").contains("Maruishi").contains("仓库不足");
    }

    @Test
    void a_phone_without_its_area_code_is_refused_where_it_stands_in_the_readers_language() {
        UUID id = UUID.randomUUID();
        String card = """
                {"basic": {"name": "临安山核桃行", "phones": ["0571-63712345", "63712346"]},
                 "keyPersons": [{"role": "RESPONSIBLE", "name": "俞国强", "mobile": "1390571"}],
                 "contacts": [{"name": "俞小红", "phone": "571-63712347"}]}""";
        var request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/customers"))
                .header("Content-Type", "application/json").header("Accept-Language", "zh-CN")
                .POST(HttpRequest.BodyPublishers.ofString(registration(id, "ORGANIZATION", card)));

        var answer = api.send(request, "sales");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        var errors = answer.json().get("errors");
        assertThat(errors.findValuesAsString("field")).containsExactlyInAnyOrder("card.basic.phones[1]",
                "card.keyPersons[0].mobile", "card.contacts[0].phone");
        assertThat(errors.findValuesAsString("message")).allSatisfy(message -> assertThat(message).contains("区号"));
        assertThat(eventStore.readEvents(id.toString()).asStream().count()).isZero();
    }

    @Test
    void religion_is_kept_only_after_the_customer_consented_to_the_configured_purpose() {
        UUID id = UUID.randomUUID();
        assertThat(api.post("/api/customers", "sales", registration(id, "INDIVIDUAL",
                "{\"basic\": {\"name\": \"王芳\", \"religion\": \"佛教\"}}")).json().get("rule").asString())
                .isEqualTo("religion-not-stored");
        assertThat(api.post("/api/customers", "sales", registration(id, "INDIVIDUAL",
                "{\"basic\": {\"name\": \"王芳\"}}")).status()).isEqualTo(201);

        var before = api.patch("/api/customers/" + id + "/card", "sales", "{\"basic\": {\"religion\": \"佛教\"}}");
        assertThat(before.status()).isEqualTo(409);
        assertThat(before.json().get("rule").asString()).isEqualTo("religion-not-stored");

        assertThat(api.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": true, \"purpose\": \"营销推广\"}").status()).isEqualTo(200);
        var otherPurpose = api.patch("/api/customers/" + id + "/card", "sales", "{\"basic\": {\"religion\": \"佛教\"}}");
        assertThat(otherPurpose.status()).isEqualTo(409);
        assertThat(otherPurpose.json().get("rule").asString()).isEqualTo("religion-not-stored");
        assertThat(api.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": true, \"purpose\": \"宗教关怀服务\"}").status()).isEqualTo(200);
        var after = api.patch("/api/customers/" + id + "/card", "sales", "{\"basic\": {\"religion\": \"佛教\"}}");
        assertThat(after.status()).as(after.raw().body()).isEqualTo(200);

        var edited = eventStore.readEvents(id.toString()).asStream().map(message -> message.getPayload())
                .filter(ProfileCardEditedEvent.class::isInstance).map(ProfileCardEditedEvent.class::cast).toList();
        assertThat(edited).singleElement().satisfies(event -> assertThat(event.card().basic().religion()).isEqualTo("佛教"));
        // a sensitive category: encrypted like every personal field
        assertThat(jdbc.sql("SELECT count(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = :id "
                        + "AND convert_from(payload, 'UTF8') LIKE '%佛教%'").param("id", id.toString())
                .query(Long.class).single()).isZero();

        // the consent withdrawn: the religion is destroyed for good, the edit that stored it no longer reads it
        assertThat(api.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": false, \"purpose\": \"宗教关怀服务\"}").status()).isEqualTo(200);
        var events = eventStore.readEvents(id.toString()).asStream().map(message -> message.getPayload()).toList();
        assertThat(events).filteredOn(com.customerarchive.events.PersonalDataFieldDestroyedEvent.class::isInstance)
                .map(event -> ((com.customerarchive.events.PersonalDataFieldDestroyedEvent) event).field())
                .containsExactly("basic.religion");
        assertThat(events).filteredOn(ProfileCardEditedEvent.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((ProfileCardEditedEvent) event).card().basic().religion())
                        .isEqualTo("[erased]"));
        // withdrawing another purpose destroys nothing more
        assertThat(api.post("/api/customers/" + id + "/consent", "sales",
                "{\"granted\": false, \"purpose\": \"营销推广\"}").status()).isEqualTo(200);
        assertThat(eventStore.readEvents(id.toString()).asStream().map(message -> message.getPayload())
                .filter(com.customerarchive.events.PersonalDataFieldDestroyedEvent.class::isInstance).count()).isEqualTo(1);
    }

    @Test
    void an_individuals_bank_account_is_personal_data_and_goes_apart_from_an_organisations() {
        UUID id = UUID.randomUUID();
        String account = "{\"bank\": \"中国银行杭州分行\", \"accountNumber\": \"6216 6100 0001 2345 678\"}";
        var refused = api.post("/api/customers", "sales", registration(id, "INDIVIDUAL",
                "{\"basic\": {\"name\": \"王芳\", \"bank\": " + account + "}}"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("rule").asString()).isEqualTo("bank-account-of-person");

        assertThat(api.post("/api/customers", "sales", registration(id, "INDIVIDUAL",
                "{\"basic\": {\"name\": \"王芳\", \"personalBank\": " + account + "}}")).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry "
                + "WHERE aggregate_identifier = :id").param("id", id.toString()).query(String.class).single())
                .doesNotContain("6216 6100 0001 2345 678");
        assertThat(List.of(((CustomerRegisteredEvent) eventStore.readEvents(id.toString()).asStream().findFirst()
                .orElseThrow().getPayload()).card().basic().personalBank().accountNumber()))
                .containsExactly("6216 6100 0001 2345 678");
    }
}
