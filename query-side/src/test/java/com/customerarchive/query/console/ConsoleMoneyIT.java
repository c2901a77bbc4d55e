package com.customerarchive.query.console;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Money after the sale in the console, in a real browser: a customer on 30 days' terms with a limit of 20,000 CNY buys
 * 10,000.00, finance ships 4,000.00 of it 45 days ago (due 15 days ago) and collects 1,500.00 20 days ago. Finance
 * reads the ledger (balance 2,500.00, 11,500.00 of credit available), records a collection of 1,000.00 in the
 * console's form (balance 1,500.00) and is refused one that reuses its reference with another amount; then, in
 * Chinese, the ageing report by customer shows the 1,500.00 open 1–30 days past due (DSO 1,500 ÷ 4,000 × 90 = 33.8)
 * and its figure opens the shipment behind it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ConsoleMoneyIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        commandSide = AppProcess.startOwnerScoped("command-side");
        querySide = AppProcess.startOwnerScoped("query-side", Map.of("ARCHIVE_CONSOLE_COMMANDSIDEURL",
                commandSide.baseUrl()));
        commands = new Api(commandSide.baseUrl());
        queries = new Api(querySide.baseUrl());
    }

    @AfterAll
    static void stop() {
        querySide.stop();
        commandSide.stop();
    }

    @BeforeEach
    void openBrowser() {
        browser = ConsoleBrowser.open(1000, new ChromeOptions());
        wait = ConsoleBrowser.waiting(browser);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void finance_reads_the_ledger_records_a_collection_and_drills_into_the_ageing_report_in_chinese() throws IOException {
        String name = "Console Money " + UUID.randomUUID().toString().substring(0, 6);
        Api.Response registered = commands.post("/api/customers", "sales", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EVENT", "grade": "B",
                 "ownerId": "sales", "card": {"basic": {"name": "%s"},
                 "payment": {"terms": {"kind": "NET_DAYS", "days": 30}, "creditLimits": {"CNY": 20000}}},
                 "occurredAt": "%s"}""".formatted(name, daysAgo(90)));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String id = registered.json().get("customerId").asString();
        written(commands.post("/api/customers/" + id + "/purchases", "sales", """
                {"product": "Tea", "quantity": 10, "amount": 10000.00, "currency": "CNY", "orderRef": "SO-1",
                 "occurredAt": "%s"}""".formatted(daysAgo(60))));
        written(commands.post("/api/customers/" + id + "/purchases/1/shipments", "finance", """
                {"quantity": 4, "amount": 4000.00, "reference": "DN-1", "shippedAt": "%s"}""".formatted(daysAgo(45))));
        written(commands.post("/api/customers/" + id + "/collections", "finance", """
                {"amount": 1500.00, "reference": "BANK-1", "receivedAt": "%s"}""".formatted(daysAgo(20))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> queries.get("/api/profiles/" + id + "?minVersion=4", "finance").status() == 200);

        // the ledger as finance reads it (in English)
        signIn("finance");
        browser.get(querySide.baseUrl() + "/console/#/customer/" + id);
        WebElement ledger = visible(testId("ledger"));
        assertThat(visible(testId("customer-name")).getText()).isEqualTo(name);
        assertThat(entries()).containsExactly(
                "Shipment no. 1 | DN-1 Purchase no. 1 | CN¥4,000.00 | CN¥4,000.00",
                "Collection no. 1 | BANK-1 | -CN¥1,500.00 | CN¥2,500.00");
        WebElement shipment = entry("DN-1");
        assertThat(shipment.getText()).contains("CN¥2,500.00 open", "15 days past due");
        assertThat(entry("BANK-1").getText()).contains("Settles shipment no. 1 CN¥1,500.00");
        assertThat(ledger.findElement(testId("balance")).getText()).isEqualTo("CN¥2,500.00");
        assertThat(ledger.findElement(testId("credit-terms")).getText()).isEqualTo("30 days after shipment");
        // 2,500.00 receivable + 6,000.00 ordered and not shipped against 20,000.00
        assertThat(ledger.findElement(testId("available")).getText()).isEqualTo("CN¥11,500.00");
        assertThat(browser.findElement(testId("available-credit")).getText()).isEqualTo("CN¥11,500.00");
        ConsoleBrowser.screenshot(browser, "ledger-en");

        // a collection through the console's form settles the oldest open shipment
        WebElement collection = visible(testId("collection-form"));
        collection.findElement(testId("collection-amount")).sendKeys("1000");
        collection.findElement(testId("collection-reference")).sendKeys("BANK-2");
        collection.findElement(testId("collection-save")).click();
        assertThat(visible(testId("saved")).getText()).isEqualTo("Saved.");
        visible(By.cssSelector("[data-testid=ledger-entry][data-reference=BANK-2]"));
        assertThat(entries()).containsExactly(
                "Shipment no. 1 | DN-1 Purchase no. 1 | CN¥4,000.00 | CN¥4,000.00",
                "Collection no. 1 | BANK-1 | -CN¥1,500.00 | CN¥2,500.00",
                "Collection no. 2 | BANK-2 | -CN¥1,000.00 | CN¥1,500.00");
        assertThat(browser.findElement(testId("balance")).getText()).isEqualTo("CN¥1,500.00");
        assertThat(entry("DN-1").getText()).contains("CN¥1,500.00 open", "15 days past due");

        // the same reference with another amount is refused, in the user's words
        collection = visible(testId("collection-form"));
        collection.findElement(testId("collection-amount")).sendKeys("999");
        collection.findElement(testId("collection-reference")).sendKeys("BANK-2");
        collection.findElement(testId("collection-save")).click();
        WebElement refusal = visible(By.cssSelector("[data-testid=collection-form] [data-testid=problem]"));
        assertThat(refusal.findElement(testId("rule")).getText()).isEqualTo("Collection reference already used");
        assertThat(browser.findElement(testId("balance")).getText()).isEqualTo("CN¥1,500.00");
        ConsoleBrowser.screenshot(browser, "ledger-collected-en");

        // the ageing report in Chinese: the customer's 1,500.00 is 15 days past due, so 1–30 days
        browser.findElement(testId("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("ledger"), "财务明细帐"));
        browser.findElement(testId("nav-receivables")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "应收账款账龄"));
        new org.openqa.selenium.support.ui.Select(visible(testId("ageing-by"))).selectByValue("customer");
        browser.findElement(testId("ageing-apply")).click();
        WebElement row = visible(By.cssSelector("[data-testid=ageing-table] tr[data-key='" + id + "'][data-currency=CNY]"));
        // key, currency, not yet due, 1–30, 31–60, 61–90, over 90, total, customers owing, shipped in 90 days, DSO
        assertThat(row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).containsExactly(
                name, "CNY", "¥0.00", "¥1,500.00", "¥0.00", "¥0.00", "¥0.00", "¥1,500.00", "1", "¥4,000.00", "33.8");
        assertThat(browser.findElements(By.cssSelector("[data-testid=ageing-chart][data-currency=CNY] canvas"))).isNotEmpty();
        ConsoleBrowser.screenshot(browser, "ageing-zh");

        WebElement figure = row.findElement(By.cssSelector("[data-figure=days1to30] a"));
        assertThat(figure.getText()).isEqualTo("¥1,500.00");
        figure.click();
        WebElement drill = visible(testId("drill-table"));
        assertThat(browser.findElement(testId("drill-figure")).getText()).contains("应收账款账龄", "1–30天");
        List<WebElement> shipments = drill.findElements(By.cssSelector("tbody tr"));
        assertThat(shipments).hasSize(1);
        assertThat(shipments.get(0).getText()).contains(name, "发货", "¥1,500.00", "sales");
        assertThat(shipments.get(0).findElement(testId("drill-days-past-due")).getText()).isEqualTo("15");
        ConsoleBrowser.screenshot(browser, "ageing-drill-zh");
    }

    /** The ledger's lines as a user reads them: entry | reference | amount | balance. */
    private List<String> entries() {
        return browser.findElements(testId("ledger-entry")).stream().map(line -> {
            List<WebElement> cells = line.findElements(By.tagName("td"));
            return cells.get(1).getText() + " | " + cells.get(2).getText() + " | " + cells.get(3).getText() + " | "
                    + cells.get(4).getText();
        }).toList();
    }

    private WebElement entry(String reference) {
        return browser.findElement(By.cssSelector("[data-testid=ledger-entry][data-reference='" + reference + "']"));
    }

    /** n days ago at 10:00 in the archive's zone (Shanghai). */
    private static Instant daysAgo(int n) {
        return LocalDate.now(SHANGHAI).minusDays(n).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant();
    }

    private static void written(Api.Response answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
    }

    private void signIn(String user) {
        ConsoleBrowser.signIn(browser, wait, querySide.baseUrl(), user);
    }

    private WebElement visible(By locator) {
        return ConsoleBrowser.visible(browser, wait, locator);
    }

    private static By testId(String id) {
        return ConsoleBrowser.testId(id);
    }
}
