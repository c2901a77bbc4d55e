package com.customerarchive.query.profile;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How complete each card is, as a manager and a rep meet it: the profile's score and missing fields, the list of
 * cards below a score, the rep's agenda (CARD_INCOMPLETE, low urgency, the least complete first) and the average per
 * owner in the statistics — against a hand-computed table of four cards under the default weights
 * (organisations: name 5, phones 8, city 5, email 3 …; individuals: name 10, gender 5, birthday 8, phones 15, city 10).
 */
class CardCompletenessTest extends BothAppsTest {

    @LocalServerPort
    int port;

    private static final String FULL_CARD = """
            {"basic": {"name": "丸石五金（杭州）有限公司", "legalName": "丸石五金（杭州）有限公司", "phones": ["0571-86012345"],
                       "email": "office@maruishi.example", "address": {"city": "杭州", "street": "滨江区江南大道 88 号"},
                       "industry": "五金", "foundedOn": "2005-06-01", "employees": 85, "registeredCapital": 5000000,
                       "licenceNumber": "330100400012345", "taxNumber": "91330108MA2XXXXX1A",
                       "premises": {"tenure": "RENTED", "area": 1200},
                       "bank": {"bank": "中国工商银行杭州滨江支行", "accountNumber": "1202 0262 0900 0456 789"}},
             "keyPersons": [{"role": "LEGAL_REPRESENTATIVE", "name": "石田健一", "mobile": "13905710001"}],
             "contacts": [{"name": "周建华", "role": "DECISION_MAKER"}],
             "business": {"mainProducts": ["五金工具"], "markets": ["浙江"], "annualVolume": 8000000,
                          "competitorsCarried": ["世达"], "requirements": {"delivery": "每周二送货"}, "goals": "进入华东前五"},
             "payment": {"creditRating": "A", "terms": {"kind": "NET_DAYS", "days": 30}}}""";

    @Test
    void the_score_the_gaps_the_list_the_agenda_and_the_average_per_owner_follow_the_table() {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        String owner = "cmp-" + UUID.randomUUID().toString().substring(0, 8);
        // A: name 5 + phones 8 + city 5 = 18, then its email (3): 21
        UUID a = register(commands, owner, "ORGANIZATION", """
                {"basic": {"name": "余杭竹器厂", "phones": ["0571-86223344"], "address": {"city": "杭州"}}}""");
        UUID b = register(commands, owner, "ORGANIZATION", FULL_CARD);
        UUID c = register(commands, owner, "INDIVIDUAL", "{\"basic\": {\"name\": \"王芳\"}}");
        UUID d = register(commands, owner, "INDIVIDUAL", """
                {"basic": {"name": "李娜", "gender": "FEMALE", "birthday": "1988-02-14", "phones": ["13905712222"],
                           "address": {"city": "宁波"}}}""");
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(a, b, c, d).stream().allMatch(id ->
                queries.get("/api/profiles/" + id, "manager").status() == 200));

        var first = queries.get("/api/profiles/" + a, "manager").json().get("completeness");
        assertThat(first.get("score").asInt()).isEqualTo(18);
        assertThat(texts(first.get("missing").get("basic"))).containsExactly("basic.legalName", "basic.email",
                "basic.address.street", "basic.industry", "basic.foundedOn", "basic.employees",
                "basic.registeredCapital", "basic.licenceNumber", "basic.taxNumber", "basic.premises", "basic.bank");
        assertThat(texts(first.get("missing").get("keyPersons"))).containsExactly("keyPersons");
        assertThat(queries.get("/api/profiles/" + b, "manager").json().get("completeness").get("score").asInt())
                .isEqualTo(100);

        assertThat(commands.patch("/api/customers/" + a + "/card", "sales",
                "{\"basic\": {\"email\": \"office@zhuqi.example\"}}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + a + "?minVersion=2",
                "manager").status() == 200);
        assertThat(queries.get("/api/profiles/" + a, "manager").json().get("completeness").get("score").asInt())
                .isEqualTo(21);

        // the list of cards below 50, the least complete first: C 10, A 21, D 48 (B's 100 is not below)
        var below = queries.get("/api/profiles?ownerId=" + owner + "&completenessBelow=50&sort=completeness", "manager");
        assertThat(below.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(below.json().get("items").spliterator(), false)
                .map(item -> item.get("customerId").asString() + " " + item.get("completeness").get("score").asInt()))
                .containsExactly(c + " 10", a + " 21", d + " 48");
        assertThat(queries.get("/api/profiles?completenessBelow=101", "manager").status()).isEqualTo(400);

        // the rep's agenda today: the three below 60, low urgency, with the score and the first gaps in its language
        // (the agenda orders its items by day and urgency; among them these keep no order of their own)
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        var agenda = queries.send(HttpRequest.newBuilder(URI.create(queries.baseUrl() + "/api/agenda?ownerId=" + owner))
                .header("Accept-Language", "zh-CN").GET(), "manager");
        assertThat(agenda.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(agenda.json().spliterator(), false)
                .filter(item -> item.get("kind").asString().equals("CARD_INCOMPLETE"))
                .map(item -> String.join("|", item.get("date").asString(), item.get("urgency").asString(),
                        item.get("customerId").asString(), item.get("detail").asString())))
                .containsExactlyInAnyOrder(
                        today + "|SLOW|" + c + "|档案完整度 10%，缺：性别、出生日期、电话 等 13 项",
                        today + "|SLOW|" + a + "|档案完整度 21%，缺：单位全称、详细地址、行业 等 20 项",
                        today + "|SLOW|" + d + "|档案完整度 48%，缺：电子邮箱、详细地址、职业 等 9 项");

        // the statistics by owner: the average of 21, 100, 10 and 48 is 44.75, to one decimal 44.8
        String from = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        String to = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var statistics = queries.get("/api/reports/statistics?by=owner&from=" + from + "&to=" + to, "manager");
            assertThat(statistics.status()).isEqualTo(200);
            var row = StreamSupport.stream(statistics.json().spliterator(), false)
                    .filter(item -> item.get("key").asString().equals(owner)).findFirst().orElseThrow();
            assertThat(row.get("customers").asInt()).isEqualTo(4);
            assertThat(row.get("averageCompleteness").decimalValue()).isEqualByComparingTo("44.8");
        });
    }

    private static UUID register(Api commands, String owner, String kind, String card) {
        UUID id = UUID.randomUUID();
        var answer = commands.post("/api/customers", "manager", """
                {"customerId": "%s", "kind": "%s", "nature": "%s", "tier": "REGULAR", "source": "ON_SITE",
                 "grade": "C", "ownerId": "%s", "card": %s}""".formatted(id, kind,
                kind.equals("INDIVIDUAL") ? "INDIVIDUAL" : "COMPANY", owner, card));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return id;
    }

    private static List<String> texts(tools.jackson.databind.JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(tools.jackson.databind.JsonNode::asString).toList();
    }
}
