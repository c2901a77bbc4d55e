package com.customerarchive.query.print;

import com.customerarchive.query.support.BothAppsTest;
import com.customerarchive.testsupport.Api;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The card printed as the seed's form: its text read back from the PDF (PDFBox) holds the card's Chinese values
 * under the form's labels, the communication records on the back, an earlier card's "as known at", and withheld and
 * erased fields as such; the CJK font is embedded and the pages are A4.
 */
class PrintedCardTest extends BothAppsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void the_card_prints_on_a4_with_its_sections_values_and_visits_in_chinese_or_english() throws Exception {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        UUID id = UUID.randomUUID();
        assertThat(commands.post("/api/customers", "sales", """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EXHIBITION",
                 "grade": "B", "ownerId": "sales", "occurredAt": "2026-03-01T02:00:00Z",
                 "card": {"basic": {"name": "丸石精密机械有限公司", "shortName": "丸石", "phones": ["0574-87001234"],
                                    "address": {"province": "浙江", "city": "宁波", "district": "北仑区", "street": "明州路 88 号"},
                                    "legalRepresentative": "周建华", "industry": "机械制造", "employees": 320,
                                    "taxNumber": "91330206MA2AB12C3D"},
                          "contacts": [{"name": "林晓燕", "role": "DECISION_MAKER", "title": "采购部经理", "phone": "13805740001"}],
                          "business": {"mainProducts": ["数控车床", "加工中心"]},
                          "payment": {"creditRating": "AA"}}}""".formatted(id)).status()).isEqualTo(201);
        assertThat(commands.post("/api/customers/" + id + "/visits", "sales", """
                {"occurredAt": "2026-03-10T01:30:00Z", "method": "ON_SITE_VISIT",
                 "contact": {"name": "林晓燕", "role": "DECISION_MAKER"},
                 "notes": "介绍新款五轴加工中心，客户关心交货期", "conclusion": "四月再访，带报价单"}""").status())
                .isEqualTo(201);
        assertThat(commands.post("/api/customers/" + id + "/visits", "sales", """
                {"occurredAt": "2026-04-20T06:00:00Z", "method": "PHONE", "contact": {"name": "周建华"},
                 "notes": "电话确认报价", "conclusion": "五月签约"}""").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=3",
                "manager").status() == 200);

        byte[] pdf = get("/api/profiles/" + id + "/card.pdf", "manager", "zh-CN");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            for (PDPage page : document.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
                assertThat(page.getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
            // the front's five sections run on to a second page with the seed form's further fields; the back follows
            String all = text(document, 1, document.getNumberOfPages());
            String front = all.substring(0, all.indexOf("沟通信息"));
            assertThat(front).contains("客户档案卡", "一、基础资料", "二、决策信息", "三、业务信息", "四、付款信息",
                    "五、购买信息", "丸石精密机械有限公司", "名称", "法定代表人", "周建华", "0574-87001234",
                    "浙江 宁波 北仑区 明州路 88 号", "机械制造", "320", "91330206MA2AB12C3D", "林晓燕", "决策者",
                    "采购部经理", "数控车床; 加工中心", "AA", "单位", "普通公司", "主力客户", "展会",
                    "建档日期", "2026-03-01", "由 manager 于");
            String back = all.substring(all.indexOf("沟通信息"));
            assertThat(back).contains("沟通信息", "次数", "日期", "方式", "接触对象", "级别", "过程", "结论",
                    "2026-03-10", "外访", "介绍新款五轴加工中心，客户关心交货期", "四月再访，带报价单",
                    "2026-04-20", "电话确认报价", "五月签约");
            // a rendering of the front, as docs/ shows it
            File png = new File("target/card-front.png");
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 100), "png", png);
            assertThat(png.length()).isPositive();
        }

        // in English
        try (PDDocument english = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf", "manager", "en"))) {
            assertThat(text(english, 1, 1)).contains("Customer profile card", "1. Basic data", "Legal representative",
                    "丸石精密机械有限公司", "Organization", "Key customer");
            assertThat(text(english, 2, english.getNumberOfPages())).contains("Communication records", "On-site visit");
        }

        // as it stood at the end of 15 March: the first visit only, and the heading says so
        try (PDDocument earlier = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf?on=2026-03-15", "auditor",
                "zh-CN"))) {
            String all = text(earlier, 1, earlier.getNumberOfPages());
            assertThat(all).contains("本卡为 2026-03-16 00:00 时的档案，按", "所知", "丸石精密机械有限公司",
                    "介绍新款五轴加工中心").doesNotContain("电话确认报价");
        }

        // finance reads the name only: the rest of the personal data prints as withheld
        try (PDDocument withheld = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf", "finance", "zh-CN"))) {
            String all = text(withheld, 1, withheld.getNumberOfPages());
            assertThat(all).contains("丸石精密机械有限公司", "〔不予显示〕").doesNotContain("周建华", "0574-87001234");
        }

        // erased: the personal fields print as erased, for good
        assertThat(commands.call("DELETE", "/api/customers/" + id + "/personal-data", "admin",
                "{\"reason\": \"the customer asked to be forgotten\"}", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=4",
                "manager").status() == 200);
        try (PDDocument erased = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf", "manager", "zh-CN"))) {
            String all = text(erased, 1, erased.getNumberOfPages());
            assertThat(all).contains("〔已抹除〕", "个人信息已按要求抹除").doesNotContain("丸石精密机械有限公司", "周建华",
                    "林晓燕");
        }

        // the print is in the access trail
        assertThat(queries.get("/api/audit/access?user=manager", "auditor").raw().body()).contains("print");
        // bad periods are problems, not PDFs
        var bad = queries.get("/api/profiles/" + id + "/card.pdf?on=2026-03-15&version=2", "manager");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(queries.get("/api/profiles/" + UUID.randomUUID() + "/card.pdf", "manager").status()).isEqualTo(404);
    }

    @Test
    void the_seed_forms_further_fields_print_in_their_sections_and_key_persons_are_withheld_from_finance() throws Exception {
        Api commands = new Api(COMMAND_SIDE.baseUrl());
        Api queries = new Api("http://localhost:" + port);
        UUID id = UUID.randomUUID();
        assertThat(commands.post("/api/customers", "sales", """
                {"customerId": "%s", "kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "ON_SITE",
                 "grade": "B", "ownerId": "sales",
                 "card": {"basic": {"name": "丸石五金（杭州）有限公司", "aliases": ["丸石", "丸石五金"], "fixedAssets": 6800000,
                                    "premises": {"tenure": "RENTED", "area": 1200.5},
                                    "bank": {"bank": "中国工商银行杭州滨江支行", "accountNumber": "1202 0262 0900 0456 789"}},
                          "keyPersons": [{"role": "LEGAL_REPRESENTATIVE", "name": "石田健一", "gender": "MALE",
                                          "title": "董事长", "birthDate": "1968-04-02", "education": "大学",
                                          "nativePlace": "大阪", "phones": ["0571-86012300"], "fax": "0571-86012399",
                                          "mobile": "13905710001"}],
                          "business": {"markets": ["浙江", "江苏"], "requirements": {"delivery": "每周二送货",
                                       "packaging": "纸箱，每箱 20 件"}, "goals": "三年内进入华东前五",
                                       "problems": "仓库不足，旺季缺货",
                                       "competitorSales": [{"product": "扳手", "period": "2026", "ourSales": 120000,
                                                            "competitor": "世达", "competitorSales": 300000,
                                                            "currency": "CNY"}]}}}""".formatted(id)).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + id, "manager").status() == 200);

        try (PDDocument document = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf", "manager", "zh-CN"))) {
            String front = text(document, 1, document.getNumberOfPages());
            // each in its section: the key persons in the basic data, the markets and the sales in the business
            assertThat(front.indexOf("主要负责人")).isBetween(front.indexOf("一、基础资料"), front.indexOf("二、决策信息"));
            for (String business : List.of("主要市场", "交货要求", "经营目标", "本公司产品与竞争对手产品在该客户的销售情况")) {
                assertThat(front.indexOf(business)).as(business)
                        .isBetween(front.indexOf("三、业务信息"), front.indexOf("四、付款信息"));
            }
            assertThat(front).contains("别名", "丸石; 丸石五金", "固定资产", "6,800,000.00", "经营场所", "租用 · 1200.5 平方米",
                    "开户行及账号", "中国工商银行杭州滨江支行 · 1202 0262 0900 0456 789", "主要负责人",
                    "法定代表人 · 董事长", "石田健一", "男", "1968-04-02 · 大学 · 大阪",
                    "0571-86012300; 传真 0571-86012399; 手机 13905710001", "主要市场", "浙江; 江苏", "交货要求",
                    "每周二送货", "包装要求", "纸箱，每箱 20 件", "经营目标", "三年内进入华东前五", "当前问题",
                    "仓库不足，旺季缺货", "本公司产品与竞争对手产品在该客户的销售情况", "扳手", "CNY 120,000.00", "世达",
                    "CNY 300,000.00");
        }
        try (PDDocument english = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf", "manager", "en"))) {
            assertThat(text(english, 1, english.getNumberOfPages())).contains("Key persons", "Legal representative",
                    "石田健一", "rented · 1200.5 m²", "Our products against competitors'");
        }
        // the key persons are personal data: finance sees their roles, not who they are or how to reach them
        try (PDDocument withheld = Loader.loadPDF(get("/api/profiles/" + id + "/card.pdf", "finance", "zh-CN"))) {
            String all = text(withheld, 1, withheld.getNumberOfPages());
            assertThat(all).contains("法定代表人 · 董事长", "〔不予显示〕", "中国工商银行杭州滨江支行")
                    .doesNotContain("石田健一", "13905710001", "1968-04-02", "0571-86012300", "0571-86012399", "大阪");
        }
    }

    private byte[] get(String path, String user, String language) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)))
                        .header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        return answer.body();
    }

    private static String text(PDDocument document, int from, int to) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        // a label wrapped in its cell reads as one line
        return stripper.getText(document).replaceAll("\\s+", " ");
    }
}
