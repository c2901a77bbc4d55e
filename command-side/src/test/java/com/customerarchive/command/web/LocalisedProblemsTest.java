package com.customerarchive.command.web;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal speaks the language of the request (Accept-Language zh-CN or en): its title and detail come from the
 * message catalogue, while its type, rule and the fields it names stay the same codes in every language.
 */
class LocalisedProblemsTest extends PostgresTest {

    @LocalServerPort
    int port;

    @Test
    void a_refused_grade_change_is_chinese_for_zh_cn_and_english_for_en() {
        Api api = new Api("http://localhost:" + port);
        String id = api.post("/api/customers", "sales", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "rep-1", "card": {"basic": {"name": "苏州丝绸贸易有限公司"}}}""").json()
                .get("customerId").asString();
        String sameGrade = "{\"grade\": \"C\", \"reason\": \"checked\"}";

        JsonNode chinese = send("PUT", "/api/customers/" + id + "/grade", sameGrade, "zh-CN", null, 409);
        assertThat(chinese.get("title").asString()).isEqualTo("等级相同");
        assertThat(chinese.get("detail").asString()).isEqualTo("客户已是该等级。");
        assertThat(chinese.get("rule").asString()).isEqualTo("same-grade");
        assertThat(chinese.get("type").asString()).isEqualTo("https://customer-archive.dev/problems/same-grade");

        JsonNode english = send("PUT", "/api/customers/" + id + "/grade", sameGrade, "en", null, 409);
        assertThat(english.get("title").asString()).isEqualTo("Same grade");
        assertThat(english.get("detail").asString()).isEqualTo("The customer already has grade C.");
        assertThat(english.get("rule").asString()).isEqualTo("same-grade");

        // a stale If-Match: the versions stay in the Chinese sentence
        JsonNode stale = send("PUT", "/api/customers/" + id + "/grade",
                "{\"grade\": \"B\", \"reason\": \"signed\"}", "zh-CN,zh;q=0.9,en;q=0.8", "\"5\"", 409);
        assertThat(stale.get("title").asString()).isEqualTo("版本冲突");
        assertThat(stale.get("detail").asString())
                .isEqualTo("If-Match 指定的版本为 5，但客户当前版本为 1；未写入任何内容。请刷新后重试。");
        assertThat(stale.get("rule").asString()).isEqualTo("version-conflict");
    }

    @Test
    void bad_input_names_its_fields_in_chinese_with_the_fields_unchanged() {
        JsonNode invalid = send("POST", "/api/customers", "{\"card\": {\"basic\": {}}}", "zh-CN", null, 400);

        assertThat(invalid.get("title").asString()).isEqualTo("请求无效");
        assertThat(invalid.get("detail").asString()).startsWith("请求中有无效的字段：").contains("grade");
        assertThat(invalid.get("errors").valueStream().map(error -> error.get("field").asString()))
                .contains("grade", "card.basic.name");
        assertThat(invalid.has("detailKey")).as("the catalogue's key is not part of the answer").isFalse();
        JsonNode english = send("POST", "/api/customers", "{\"card\": {\"basic\": {}}}", null, null, 400);
        assertThat(english.get("title").asString()).isEqualTo("Invalid request");
        assertThat(english.get("detail").asString()).startsWith("The request has invalid fields: ");
    }

    private JsonNode send(String method, String path, String body, String language, String ifMatch,
                                 int status) {
        Api api = new Api("http://localhost:" + port);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        Api.Response answer = api.send(request, "manager");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        return answer.json();
    }
}
