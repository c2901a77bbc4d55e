package com.customerarchive.command.imports;

import com.customerarchive.command.support.PostgresTest;
import com.customerarchive.events.CustomerRegisteredEvent;
import com.customerarchive.events.Grade;
import com.customerarchive.events.PurchaseRecordedEvent;
import com.customerarchive.events.VisitRecordedEvent;
import com.customerarchive.testsupport.Api;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ImportTest extends PostgresTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> HEADERS = List.of("外部编号", "客户名称", "客户类型", "客户性质", "客户层级", "信息来源",
            "客户等级", "负责人", "建档日期", "电话", "城市", "员工人数", "电子邮箱");

    /**
     * The 30 bad cells of the 10,000-row file, by hand: (Excel row, column, the bad value). Rows 40, 41, 500, 7000
     * and 9998 hold two each; 25 rows in all.
     */
    private static final List<Bad> BAD = List.of(
            new Bad(3, "客户名称", "", "card.basic.name"),
            new Bad(10, "客户类型", "星球", "kind"),
            new Bad(40, "客户性质", "社团", "nature"),
            new Bad(40, "电话", "没有电话", "card.basic.phones"),
            new Bad(41, "客户层级", "", "tier"),
            new Bad(41, "员工人数", "十二", "card.basic.employees"),
            new Bad(77, "信息来源", "梦里", "source"),
            new Bad(100, "客户等级", "Z", "grade"),
            new Bad(222, "负责人", "", "ownerId"),
            new Bad(333, "负责人", "王 五", "ownerId"),
            new Bad(444, "建档日期", "2099-01-01", "occurredAt"),
            new Bad(500, "建档日期", "去年春天", "occurredAt"),
            new Bad(500, "电子邮箱", "not-an-email", "card.basic.email"),
            new Bad(999, "电子邮箱", "a@", "card.basic.email"),
            new Bad(1234, "员工人数", "-5", "card.basic.employees"),
            new Bad(2000, "员工人数", "3.5", "card.basic.employees"),
            new Bad(2500, "电话", "12#34", "card.basic.phones"),
            new Bad(3000, "建档日期", "2024-02-30", "occurredAt"),
            new Bad(4096, "客户名称", "名".repeat(101), "card.basic.name"),
            new Bad(5000, "外部编号", "", "externalRef"),
            new Bad(6001, "外部编号", "R".repeat(65), "externalRef"),
            new Bad(7000, "客户类型", "", "kind"),
            new Bad(7000, "客户等级", "", "grade"),
            new Bad(8000, "城市", "城".repeat(101), "card.basic.address.city"),
            new Bad(8888, "信息来源", "", "source"),
            new Bad(9000, "客户性质", "Club", "nature"),
            new Bad(9500, "客户层级", "VIP", "tier"),
            new Bad(9998, "客户等级", "AA", "grade"),
            new Bad(9998, "负责人", "boss!", "ownerId"),
            new Bad(10001, "建档日期", "2024/13/01", "occurredAt"));

    record Bad(int row, String column, String value, String field) {
    }

    @LocalServerPort
    int port;

    @Autowired
    Imports imports;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = new Api("http://localhost:" + port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void ten_thousand_rows_are_checked_imported_once_through_a_crash_and_not_again_when_imported_twice() throws Exception {
        byte[] file = workbook(10_000);
        Set<Integer> badRows = new HashSet<>();
        BAD.forEach(bad -> badRows.add(bad.row()));
        assertThat(badRows).hasSize(25);

        // the dry run: every bad cell reported, nothing written
        var dry = upload(file, "?dryRun", XLSX, "manager");
        assertThat(dry.status()).isEqualTo(200);
        JsonNode report = dry.json();
        assertThat(report.get("rows").asInt()).isEqualTo(10_000);
        assertThat(report.get("rejected").asInt()).isEqualTo(25);
        assertThat(report.get("accepted").asInt()).isEqualTo(9_975);
        assertThat(report.get("alreadyImported").asInt()).isZero();
        List<String> reported = new ArrayList<>();
        for (JsonNode error : report.get("errors")) {
            reported.add(error.get("row").asInt() + " " + error.get("column").asString() + " " + error.get("field").asString());
            assertThat(error.get("message").asString()).isNotBlank();
        }
        assertThat(reported).containsExactlyInAnyOrderElementsOf(
                BAD.stream().map(bad -> bad.row() + " " + bad.column() + " " + bad.field()).toList());
        assertThat(registeredOf(10_000)).isZero();

        // the import, stopped part-way (as a crash would stop it) and resumed
        var started = upload(file, "", XLSX, "manager");
        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/imports/");
        assertThat(started.json().get("state").asString()).isEqualTo("RUNNING");
        assertThat(started.json().get("progress").get("total").asInt()).isEqualTo(9_975);
        await().atMost(Duration.ofMinutes(5)).until(() -> progress(location).get("done").asInt() >= 2_000);
        imports.stop();
        await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ofSeconds(1)).until(() -> {
            int before = progress(location).get("done").asInt();
            Thread.sleep(1_500);
            return progress(location).get("done").asInt() == before;
        });
        JsonNode halfway = progress(location);
        assertThat(halfway.get("done").asInt()).isBetween(2_000, 9_974);
        assertThat(api.get(location, "manager").json().get("state").asString()).isEqualTo("RUNNING");
        assertThat(registeredOf(10_000)).isEqualTo(halfway.get("registered").asInt());

        imports.resume();
        await().atMost(Duration.ofMinutes(10)).until(() -> api.get(location, "manager").json().get("state")
                .asString().equals("DONE"));
        JsonNode done = api.get(location, "manager").json();
        assertThat(done.get("progress").get("registered").asInt()).isEqualTo(9_975);
        assertThat(done.get("progress").get("pending").asInt()).isZero();
        assertThat(done.get("progress").get("ratePerSecond").asDouble()).isPositive();
        assertThat(done.get("report").get("errors")).hasSize(30);
        // every accepted row registered once; no row with a bad cell registered
        assertThat(eventsPerCustomer(10_000)).hasSize(9_975).allSatisfy((id, events) -> assertThat(events).isEqualTo(1));
        for (int row : badRows) {
            if (row != 5000 && row != 6001) {
                assertThat(eventsOf(ref(row))).as("row %d", row).isZero();
            }
        }
        // a row as the sheet had it, under the importer and the import's id
        var first = (DomainEventMessage<?>) eventStore.readEvents(Registration.customerIdOf(ref(2)).toString())
                .asStream().toList().get(0);
        var registered = (CustomerRegisteredEvent) first.getPayload();
        assertThat(registered.card().name()).isEqualTo("导入客户 2");
        assertThat(registered.grade()).isEqualTo(Grade.C);
        assertThat(first.getMetaData()).containsEntry("actor", "manager")
                .containsEntry("correlationId", location.substring("/api/imports/".length()))
                // 2025-01-03 in the sheet: its start in Shanghai
                .containsEntry("occurredAt", "2025-01-02T16:00:00Z");

        // the same file again: nothing new
        var again = upload(file, "", XLSX, "manager");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("report").get("alreadyImported").asInt()).isEqualTo(9_975);
        assertThat(again.json().get("report").get("accepted").asInt()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(again.header("Location"), "manager").json()
                .get("state").asString().equals("DONE"));
        assertThat(eventsPerCustomer(10_000).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(9_975);
    }

    @Test
    void csv_files_in_utf8_with_and_without_bom_and_in_gbk_register_the_same_chinese_names() {
        for (String encoding : List.of("UTF-8 BOM", "UTF-8", "GBK")) {
            String ref = run + "-" + encoding;
            String csv = String.join(",", HEADERS) + "\r\n"
                    + ref + ",\"温州瓯江鞋业, 有限公司\",单位,普通公司,一般客户,展会,B级,sales,2024年3月15日,0577-88776655,温州,35,\r\n";
            byte[] bytes = switch (encoding) {
                case "UTF-8 BOM" -> concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, csv.getBytes(StandardCharsets.UTF_8));
                case "UTF-8" -> csv.getBytes(StandardCharsets.UTF_8);
                default -> csv.getBytes(Charset.forName("GBK"));
            };
            var answer = upload(bytes, "", "text/csv", "clerk");
            assertThat(answer.status()).as(encoding).isEqualTo(202);
            assertThat(answer.json().get("report").get("charset").asString()).as(encoding)
                    .isEqualTo(encoding.equals("GBK") ? "GBK" : "UTF-8");
            String location = answer.header("Location");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(location, "clerk").json().get("state")
                    .asString().equals("DONE"));
            var event = (CustomerRegisteredEvent) eventStore.readEvents(Registration.customerIdOf(ref).toString())
                    .asStream().toList().get(0).getPayload();
            assertThat(event.card().name()).as(encoding).isEqualTo("温州瓯江鞋业, 有限公司");
            assertThat(event.card().basic().address().city()).isEqualTo("温州");
            assertThat(event.card().basic().phones()).containsExactly("0577-88776655");
            assertThat(event.card().basic().employees()).isEqualTo(35);
            assertThat(event.grade()).isEqualTo(Grade.B);
        }
    }

    @Test
    void a_file_without_a_required_column_is_refused_whole_naming_it_and_writes_nothing() {
        String csv = "外部编号,客户名称,客户类型,客户性质,客户层级,信息来源,负责人\r\n" + run + "-1,某公司,单位,普通公司,一般客户,展会,sales\r\n";

        var answer = upload(csv.getBytes(StandardCharsets.UTF_8), "", "text/csv", "manager");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("客户等级").contains("Grade");
        assertThat(eventsOf(run + "-1")).isZero();
    }

    @Test
    void excel_date_cells_become_the_start_of_that_day_in_china_and_english_headers_are_matched() throws IOException {
        try (Workbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Customers");
            List<String> english = List.of("External reference", "Name", "Kind", "Nature", "Tier", "Source", "Grade",
                    "Owner", "Registered on", "Unknown column");
            Row header = sheet.createRow(0);
            for (int i = 0; i < english.size(); i++) {
                header.createCell(i).setCellValue(english.get(i));
            }
            Row row = sheet.createRow(1);
            List<String> values = List.of(run + "-date", "Ningbo Port Trading", "ORGANIZATION", "Trading partner",
                    "key customer", "REFERRAL", "c", "sales");
            for (int i = 0; i < values.size(); i++) {
                row.createCell(i).setCellValue(values.get(i));
            }
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
            var date = row.createCell(8);
            date.setCellValue(java.time.LocalDate.of(2023, 11, 20));
            date.setCellStyle(dateStyle);
            row.createCell(9).setCellValue("ignored");
            workbook.write(out);

            var answer = upload(out.toByteArray(), "?dryRun=true", XLSX, "manager");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
            assertThat(answer.json().get("ignoredColumns").get(0).asString()).isEqualTo("Unknown column");
            assertThat(eventsOf(run + "-date")).isZero();

            var imported = upload(out.toByteArray(), "", XLSX, "manager");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(imported.header("Location"), "manager").json()
                    .get("state").asString().equals("DONE"));
            var stored = eventStore.readEvents(Registration.customerIdOf(run + "-date").toString()).asStream().toList().get(0);
            assertThat(stored.getMetaData()).containsEntry("occurredAt", "2023-11-19T16:00:00Z");
            assertThat(((CustomerRegisteredEvent) stored.getPayload()).grade()).isEqualTo(Grade.C);
        }
    }

    @Test
    void a_workbook_brings_the_visits_and_purchases_of_its_customers_once_each_with_their_dates_and_every_bad_cell_named()
            throws IOException {
        String a = run + "-A";
        String b = run + "-B";
        String c = run + "-C";
        byte[] file = book(List.of(
                        List.of("外部编号", "客户名称", "客户类型", "客户性质", "客户层级", "信息来源", "客户等级", "负责人"),
                        List.of(a, "温州瓯海眼镜一厂", "单位", "普通公司", "一般客户", "展会", "B", "sales"),
                        List.of(b, "温州瓯海眼镜二厂", "单位", "普通公司", "一般客户", "展会", "C", "sales"),
                        List.of(c, "温州瓯海眼镜三厂", "单位", "普通公司", "一般客户", "展会", "AA", "sales")),
                List.of(
                        List.of("客户外部编号", "日期", "方式", "接触对象", "对象角色", "过程", "结论", "下次跟进"),
                        List.of(a, "2024-04-02", "外访", "陈静", "决策者", "介绍新品", "试订", "2024-05-06"),
                        List.of(a, "2024-04-09 10:30", "电话", "", "", "跟进报价", "", ""),
                        List.of(b, "2024年4月3日", "客户来访", "", "", "", "", ""),
                        List.of(c, "2024-04-03", "电话", "", "", "", "", ""),
                        List.of(run + "-Z", "2024-04-03", "电话", "", "", "", "", ""),
                        List.of(a, "2099-01-01", "飞鸽", "", "", "", "", ""),
                        List.of(a, "2024-04-02", "外访", "陈静", "决策者", "介绍新品", "试订", "2024-05-06"),
                        List.of(b, "2024-04-10", "外访", "", "决策者", "", "", ""),
                        List.of(b, "2024-04-10", "电话", "王五", "", "", "", "2023-01-01"),
                        List.of(a, "2024-04-02", "电话", "", "", "五年后再联系", "", "2029-04-02"),
                        List.of(a, "2024-04-02", "电话", "", "", "五年零一天后", "", "2029-04-03")),
                List.of(
                        List.of("客户外部编号", "订单号", "日期", "产品", "数量", "金额", "币种"),
                        List.of(a, "SO-1", "2024-05-10", "明前龙井", "50", "12500.00", ""),
                        List.of(b, "SO-2", "2024-05-11", "碧螺春", "2.5", "800", "USD"),
                        List.of(a, "SO-1", "2024-05-12", "明前龙井", "10", "2500", ""),
                        List.of(b, "SO 3", "2024-05-12", "白茶", "1", "-5", "XYZ"),
                        List.of(a, "SO-4", "2024-05-12", "", "0", "100", "")));

        var check = upload(file, "?dryRun", XLSX, "manager");
        assertThat(check.status()).isEqualTo(200);
        JsonNode report = check.json();
        assertThat(report.get("accepted").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("ignoredSheets").get(0).asString()).isEqualTo("说明");
        List<String> errors = new ArrayList<>();
        report.get("errors").forEach(error -> errors.add(error.get("sheet").asString() + " " + error.get("row").asInt()
                + " " + error.get("column").asString()));
        // by hand: the grade AA; a customer left out and one unknown; a date in the future and a method nobody
        // uses; a role without its contact; a follow-up before its visit; an order twice; an order reference with
        // a space, a negative amount, a made-up currency; a blank product and a quantity of nothing; a follow-up five
        // years and a day after its visit (five years to the day is taken)
        assertThat(errors).containsExactlyInAnyOrder("客户 4 客户等级", "拜访记录 5 客户外部编号", "拜访记录 6 客户外部编号",
                "拜访记录 7 日期", "拜访记录 7 方式", "拜访记录 9 接触对象", "拜访记录 10 下次跟进", "拜访记录 12 下次跟进",
                "购买记录 4 订单号",
                "购买记录 5 订单号", "购买记录 5 金额", "购买记录 5 币种", "购买记录 6 产品", "购买记录 6 数量");
        assertThat(sheetCounts(report)).containsExactly("VISITS 11 5 6 0", "PURCHASES 5 2 3 0");
        assertThat(eventsOf(a)).isZero();

        var imported = upload(file, "", XLSX, "manager");
        assertThat(imported.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(imported.header("Location"), "manager").json()
                .get("state").asString().equals("DONE"));
        var progress = progress(imported.header("Location"));
        assertThat(progress.get("registered").asInt()).isEqualTo(9);
        assertThat(progress.get("refused")).isEmpty();

        List<? extends DomainEventMessage<?>> ofA = eventStore.readEvents(Registration.customerIdOf(a).toString()).asStream()
                .toList();
        List<String> visitsOfA = ofA.stream().filter(event -> event.getPayload() instanceof VisitRecordedEvent)
                .map(event -> {
                    var visit = (VisitRecordedEvent) event.getPayload();
                    return visit.visitNo() + " " + visit.visitedAt() + " " + visit.method() + " "
                            + (visit.contact() == null ? "-" : visit.contact().name() + "/" + visit.contact().role())
                            + " " + visit.nextFollowUpOn() + " " + event.getMetaData().get("occurredAt");
                }).toList();
        // the sheet's dates at their start in China (a time as China's), in the sheet's order
        assertThat(visitsOfA).containsExactly(
                "1 2024-04-01T16:00:00Z ON_SITE_VISIT 陈静/DECISION_MAKER 2024-05-06 2024-04-01T16:00:00Z",
                "2 2024-04-09T02:30:00Z PHONE - null 2024-04-09T02:30:00Z",
                "3 2024-04-01T16:00:00Z ON_SITE_VISIT 陈静/DECISION_MAKER 2024-05-06 2024-04-01T16:00:00Z",
                "4 2024-04-01T16:00:00Z PHONE - 2029-04-02 2024-04-01T16:00:00Z");
        List<String> purchasesOfA = ofA.stream().filter(event -> event.getPayload() instanceof PurchaseRecordedEvent)
                .map(event -> {
                    var purchase = (PurchaseRecordedEvent) event.getPayload();
                    return purchase.orderRef() + " " + purchase.product() + " " + purchase.quantity().toPlainString()
                            + " " + purchase.amount().toPlainString() + " " + purchase.currency() + " "
                            + purchase.purchasedAt();
                }).toList();
        assertThat(purchasesOfA).containsExactly("SO-1 明前龙井 50 12500 CNY 2024-05-09T16:00:00Z");
        List<String> ofB = eventStore.readEvents(Registration.customerIdOf(b).toString()).asStream()
                .map(event -> event.getPayload() instanceof VisitRecordedEvent visit ? visit.method().name()
                        : event.getPayload() instanceof PurchaseRecordedEvent purchase
                        ? purchase.quantity().toPlainString() + " " + purchase.amount().toPlainString() + " "
                        + purchase.currency() : null)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(ofB).containsExactly("CUSTOMER_CAME", "2.5 800 USD");
        assertThat(eventsOf(c)).isZero();
        long eventsOfA = eventsOf(a);
        long eventsOfB = eventsOf(b);

        // the same file again: nothing new on any sheet
        JsonNode again = upload(file, "?dryRun", XLSX, "manager").json();
        assertThat(again.get("alreadyImported").asInt()).isEqualTo(2);
        assertThat(sheetCounts(again)).containsExactly("VISITS 11 0 6 5", "PURCHASES 5 0 3 2");
        var twice = upload(file, "", XLSX, "manager");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(twice.header("Location"), "manager").json()
                .get("state").asString().equals("DONE"));
        assertThat(progress(twice.header("Location")).get("total").asInt()).isZero();
        assertThat(eventsOf(a)).isEqualTo(eventsOfA);
        assertThat(eventsOf(b)).isEqualTo(eventsOfB);

        // a later file: a visit of a customer an earlier import registered, one of a customer it left out, the same
        // visit reference twice; an order the archive has under another purchase already (the API's rule refuses it
        // when it is recorded); a column nobody reads
        UUID customerB = Registration.customerIdOf(b);
        assertThat(api.post("/api/customers/" + customerB + "/purchases", "manager", """
                {"orderRef": "SO-9", "product": "茶", "quantity": 1, "amount": 100, "occurredAt": "2024-05-20T02:00:00Z"}""")
                .status()).isEqualTo(201);
        byte[] later = book(List.of(
                        List.of("外部编号", "客户名称", "客户类型", "客户性质", "客户层级", "信息来源", "客户等级", "负责人")),
                List.of(
                        List.of("客户外部编号", "日期", "方式", "记录编号", "备注"),
                        List.of(b, "2024-06-01", "电话", "V-1", "随便写写"),
                        List.of(c, "2024-06-01", "电话", "V-2", ""),
                        List.of(b, "2024-06-02", "电话", "V-1", "")),
                List.of(
                        List.of("客户外部编号", "订单号", "日期", "产品", "数量", "金额"),
                        List.of(b, "SO-9", "2024-06-01", "白茶", "2", "300")));
        JsonNode laterCheck = upload(later, "?dryRun", XLSX, "manager").json();
        assertThat(sheetCounts(laterCheck)).containsExactly("VISITS 3 1 2 0", "PURCHASES 1 1 0 0");
        assertThat(laterCheck.get("sheets").get(0).get("ignoredColumns").get(0).asString()).isEqualTo("备注");
        List<String> laterErrors = new ArrayList<>();
        laterCheck.get("errors").forEach(error -> laterErrors.add(error.get("sheet").asString() + " "
                + error.get("row").asInt() + " " + error.get("column").asString() + " " + error.get("message").asString()));
        assertThat(laterErrors).containsExactly(
                "拜访记录 3 客户外部编号 no customer of the first sheet, nor one imported before, has this reference",
                "拜访记录 4 记录编号 the same visit or order as row 2");
        var laterImport = upload(later, "", XLSX, "manager");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(laterImport.header("Location"), "manager").json()
                .get("state").asString().equals("DONE"));
        var laterProgress = progress(laterImport.header("Location"));
        assertThat(laterProgress.get("registered").asInt()).isEqualTo(1);
        assertThat(laterProgress.get("refused").size()).isEqualTo(1);
        var refused = laterProgress.get("refused").get(0);
        assertThat(refused.get("sheet").asString() + " " + refused.get("row").asInt() + " "
                + refused.get("externalRef").asString() + " " + refused.get("rule").asString())
                .isEqualTo("PURCHASES 2 " + b + " order-ref-taken");
        List<String> visitsOfB = eventStore.readEvents(customerB.toString()).asStream()
                .filter(event -> event.getPayload() instanceof VisitRecordedEvent)
                .map(event -> ((VisitRecordedEvent) event.getPayload()).method() + " "
                        + ((VisitRecordedEvent) event.getPayload()).visitedAt()).toList();
        assertThat(visitsOfB).containsExactly("CUSTOMER_CAME 2024-04-02T16:00:00Z", "PHONE 2024-05-31T16:00:00Z");
        // again: the visit by its reference is imported already; the refused purchase is still to import
        assertThat(sheetCounts(upload(later, "?dryRun", XLSX, "manager").json()))
                .containsExactly("VISITS 3 0 2 1", "PURCHASES 1 1 0 0");

        // a visit sheet without its method column: the whole file is refused, naming the sheet and the column
        byte[] noMethod = book(List.of(
                        List.of("外部编号", "客户名称", "客户类型", "客户性质", "客户层级", "信息来源", "客户等级", "负责人")),
                List.of(List.of("客户外部编号", "日期"), List.of(b, "2024-06-01")), null);
        var refusedFile = upload(noMethod, "?dryRun", XLSX, "manager");
        assertThat(refusedFile.status()).isEqualTo(400);
        assertThat(refusedFile.raw().body()).contains("sheet 拜访记录: no column 方式 / Method (method)");
    }

    @Test
    void a_row_that_keeps_failing_is_noted_failed_after_its_attempts_and_the_job_goes_on() {
        String csv = String.join(",", HEADERS) + "\r\n"
                + run + "-f1,台州椒江阀门一厂,单位,普通公司,一般客户,展会,C,sales,2024-05-06,0576-88110001,台州,,\r\n"
                + run + "-f2,台州椒江阀门二厂,单位,普通公司,一般客户,展会,C,sales,2024-05-06,0576-88110002,台州,,\r\n"
                + run + "-f3,台州椒江阀门三厂,单位,普通公司,一般客户,展会,C,sales,2024-05-06,0576-88110003,台州,,\r\n";
        imports.stop();
        try {
            var answer = upload(csv.getBytes(StandardCharsets.UTF_8), "", "text/csv", "clerk");
            assertThat(answer.status()).isEqualTo(202);
            String location = answer.header("Location");
            UUID importId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
            // the second row's stored registration is damaged: it cannot be read, whatever the attempt
            assertThat(jdbc.sql("UPDATE import_row SET registration = CAST('\"damaged\"' AS jsonb) "
                    + "WHERE import_id = :id AND row_no = 3").param("id", importId).update()).isEqualTo(1);
            imports.resume();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get(location, "clerk").json().get("state")
                    .asString().equals("DONE"));
            var done = api.get(location, "clerk").json();
            // five attempts with their pauses (0.2 + 0.4 + 0.8 + 1.6 s) before the row was given up
            assertThat(Duration.between(Instant.parse(done.get("startedAt").asString()),
                    Instant.parse(done.get("finishedAt").asString()))).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
            var progress = done.get("progress");
            assertThat(progress.get("registered").asInt()).isEqualTo(2);
            assertThat(progress.get("refused").size()).isEqualTo(1);
            assertThat(progress.get("refused").get(0).get("row").asInt()).isEqualTo(3);
            assertThat(progress.get("refused").get(0).get("rule").asString()).isEqualTo("failed");
            assertThat(eventsOf(run + "-f1")).isEqualTo(1);
            assertThat(eventsOf(run + "-f2")).isZero();
            assertThat(eventsOf(run + "-f3")).isEqualTo(1);
        } finally {
            imports.resume();
        }
    }

    @Test
    void the_template_in_either_language_is_a_file_the_import_takes_and_only_managers_and_clerks_import() throws Exception {
        for (String language : List.of("zh-CN", "en")) {
            HttpResponse<byte[]> template = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/imports/template.xlsx"))
                    .header("Authorization", basic("clerk")).header("Accept-Language", language).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(template.statusCode()).isEqualTo(200);
            try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
                var header = workbook.getSheetAt(0).getRow(0);
                assertThat(header.getCell(0).getStringCellValue())
                        .isEqualTo(language.equals("en") ? "External reference *" : "外部编号 *");
                assertThat(header.getCell(1).getStringCellValue()).isEqualTo(language.equals("en") ? "Name *" : "客户名称 *");
                assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo(language.equals("en") ? "Visits" : "拜访记录");
                assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue())
                        .isEqualTo(language.equals("en") ? "Customer reference *" : "客户外部编号 *");
                assertThat(workbook.getSheetAt(2).getSheetName()).isEqualTo(language.equals("en") ? "Purchases" : "购买记录");
                assertThat(workbook.getSheetAt(3).getSheetName()).isEqualTo(language.equals("en") ? "Notes" : "说明");
            }
            var check = upload(template.body(), "?dryRun", XLSX, "clerk");
            assertThat(check.status()).as(language).isEqualTo(200);
            assertThat(check.json().get("errors")).as(language).isEmpty();
            assertThat(check.json().get("accepted").asInt()).as(language).isEqualTo(1);
            // the example visit and purchase name the example customer: one each to record
            assertThat(sheetCounts(check.json())).as(language).containsExactly("VISITS 1 1 0 0", "PURCHASES 1 1 0 0");
            assertThat(check.json().get("ignoredSheets")).as(language).hasSize(1);
        }
        byte[] csv = (String.join(",", HEADERS) + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload(csv, "?dryRun", "text/csv", "sales").status()).isEqualTo(403);
        assertThat(upload(csv, "?dryRun", "text/csv", "finance").status()).isEqualTo(403);
        var mine = upload(csv, "", "text/csv", "clerk");
        assertThat(mine.status()).isEqualTo(202);
        assertThat(api.get(mine.header("Location"), "manager").status()).isEqualTo(200);
        assertThat(api.get("/api/imports/" + UUID.randomUUID(), "manager").status()).isEqualTo(404);
    }

    private byte[] workbook(int rows) throws IOException {
        Map<String, String> bad = new HashMap<>();
        BAD.forEach(cell -> bad.put(cell.row() + " " + cell.column(), cell.value()));
        try (var workbook = new SXSSFWorkbook(100); var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("客户");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                header.createCell(i).setCellValue(HEADERS.get(i));
            }
            String[] kinds = {"单位", "ORGANIZATION", "个人"};
            String[] grades = {"A", "B", "C", "D", "E"};
            for (int excelRow = 2; excelRow <= rows + 1; excelRow++) {
                int n = excelRow;
                List<String> values = List.of(ref(n), "导入客户 " + n, kinds[n % 3], n % 2 == 0 ? "普通公司" : "COMPANY",
                        "一般客户", "展会", grades[n % 5], "sales", "2025-01-" + String.format("%02d", 1 + n % 28),
                        "0571-" + (80000000 + n), "杭州", Integer.toString(n % 300), "");
                Row row = sheet.createRow(excelRow - 1);
                for (int i = 0; i < HEADERS.size(); i++) {
                    row.createCell(i).setCellValue(bad.getOrDefault(excelRow + " " + HEADERS.get(i), values.get(i)));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    /** A workbook of a customer sheet, a visit sheet and a purchase sheet (either may be null), and notes. */
    private static byte[] book(List<List<String>> customers, List<List<String>> visits, List<List<String>> purchases)
            throws IOException {
        try (Workbook workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            fill(workbook.createSheet("客户"), customers);
            if (visits != null) {
                fill(workbook.createSheet("拜访记录"), visits);
            }
            if (purchases != null) {
                fill(workbook.createSheet("购买记录"), purchases);
            }
            fill(workbook.createSheet("说明"), List.of(List.of("这张表不导入")));
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(org.apache.poi.ss.usermodel.Sheet sheet, List<List<String>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r);
            for (int i = 0; i < rows.get(r).size(); i++) {
                row.createCell(i).setCellValue(rows.get(r).get(i));
            }
        }
    }

    /** Each further sheet's kind, rows, accepted, rejected and already imported. */
    private static List<String> sheetCounts(JsonNode report) {
        List<String> counts = new ArrayList<>();
        report.get("sheets").forEach(sheet -> counts.add(sheet.get("kind").asString() + " " + sheet.get("rows").asInt()
                + " " + sheet.get("accepted").asInt() + " " + sheet.get("rejected").asInt() + " "
                + sheet.get("alreadyImported").asInt()));
        return counts;
    }

    private String ref(int excelRow) {
        return "IMP-" + run + "-" + excelRow;
    }

    private JsonNode progress(String location) {
        return api.get(location, "manager").json().get("progress");
    }

    /** Events of each customer the file's rows name, by the customer ids their references give. */
    private Map<UUID, Long> eventsPerCustomer(int rows) {
        String[] ids = new String[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = Registration.customerIdOf(ref(i + 2)).toString();
        }
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("SELECT aggregate_identifier, count(*) FROM domain_event_entry WHERE aggregate_identifier = ANY(:ids) "
                        + "GROUP BY aggregate_identifier").param("ids", ids)
                .query((rs, n) -> counts.put(UUID.fromString(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    private int registeredOf(int rows) {
        return eventsPerCustomer(rows).size();
    }

    private long eventsOf(String ref) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", Registration.customerIdOf(ref).toString()).query(Long.class).single();
    }

    private Api.Response upload(byte[] file, String query, String contentType, String user) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports" + query))
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)), user);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
