package com.customerarchive.query.console;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.query.support.Organisations;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public pool in the console, in a real browser: a rep of the pool's team sees the customer another rep put back,
 * its name masked, claims it with one click (in Chinese), and the pool is empty after; on the claimed customer's page
 * (in English) it locks it against the pool and puts a colleague on its team.
 */
class ConsolePoolIT {

    private static final String USERS = """
            {"archive": {"security": {"users": {
              "cpool-rep": {"password": "{noop}cpool-rep-pw", "roles": ["SALES"]}}}}}""";

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        Map<String, String> environment = Map.of("SPRING_APPLICATION_JSON", USERS, "ARCHIVE_POOL_SWEEP_DELAY", "PT1H");
        commandSide = AppProcess.startOwnerScoped("command-side", environment);
        querySide = AppProcess.startOwnerScoped("query-side", Map.of("ARCHIVE_CONSOLE_COMMANDSIDEURL",
                commandSide.baseUrl(), "SPRING_APPLICATION_JSON", USERS));
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
        browser = ConsoleBrowser.open(900, new ChromeOptions());
        wait = ConsoleBrowser.waiting(browser);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void a_rep_claims_a_masked_customer_from_the_pool_and_may_then_lock_it() throws IOException {
        Organisations.open(commands, new String[]{"CPOOL-B", "湖州分公司", Organisations.COMPANY},
                new String[]{"CPOOL-T", "湖州一组", "CPOOL-B"});
        Organisations.place(commands, "cpool-rep", "CPOOL-T", "REP");
        Organisations.place(commands, "cpool-other", "CPOOL-T", "REP");
        Api.Response pool = commands.put("/api/pools/CPOOL", "admin", """
                {"name": "湖州公海", "unitCodes": ["CPOOL-B"], "rules": {"followUpDays": {"B": 15}, "dailyClaimCap": 3}}""");
        assertThat(pool.status()).as(pool.raw().body()).isEqualTo(200);
        Api.Response registered = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "B",
                 "ownerId": "cpool-other", "card": {"basic": {"name": "钱小红"}}}""");
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String id = registered.json().get("customerId").asString();
        Api.Response released = commands.post("/api/customers/" + id + "/release", "manager", "{\"reason\": \"暂无需求\"}");
        assertThat(released.status()).as(released.raw().body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                queries.get("/api/profiles/" + id + "?minVersion=2", "manager").status() == 200);

        signIn("cpool-rep");
        browser.findElement(testId("language")).click(); // to Chinese
        browser.get(querySide.baseUrl() + "/console/#/pool?pool=CPOOL");
        WebElement waiting = visible(testId("pool-customers"));
        assertThat(waiting.getText()).contains("钱**", "领取前隐藏", "暂无需求", "cpool-other").doesNotContain("钱小红");
        assertThat(browser.findElement(testId("pool-rules")).getText()).contains("B 15", "每天可领取 3 个");
        ConsoleBrowser.screenshot(browser, "pool-zh");

        browser.findElement(testId("claim")).click();
        // the claimed customer's own page opens, its name in full now
        wait.until(ExpectedConditions.textToBe(testId("customer-name"), "钱小红"));
        assertThat(queries.get("/api/profiles/" + id + "?minVersion=3", "manager").json().get("ownerId").asString())
                .isEqualTo("cpool-rep");
        browser.get(querySide.baseUrl() + "/console/#/pool?pool=CPOOL");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("pools"), "0 个待领取"));
        assertThat(browser.findElement(testId("pools")).getText()).doesNotContain("1 个待领取");

        browser.findElement(testId("language")).click(); // back to English
        browser.get(querySide.baseUrl() + "/console/#/customer/" + id);
        WebElement panel = visible(testId("pool-panel"));
        assertThat(visible(testId("customer-name")).getText()).isEqualTo("钱小红");
        assertThat(panel.getText()).contains("Lock against the pool", "Put back in the pool");
        browser.findElement(testId("pool-lock")).click();
        assertThat(visible(testId("pool-locked")).getText()).isEqualTo("Locked against the pool");
        // the rep puts its colleague on the customer's team, to read it
        assertThat(browser.findElement(testId("team")).getText()).isEqualTo("Team: no colleague yet");
        browser.findElement(testId("team-user")).sendKeys("cpool-other");
        browser.findElement(testId("team-add")).click();
        wait.until(ExpectedConditions.textToBe(testId("team"), "Team: cpool-other (reads)"));
        assertThat(queries.get("/api/profiles/" + id + "?minVersion=5", "manager").json().at("/team/0/user").asString())
                .isEqualTo("cpool-other");
        ConsoleBrowser.screenshot(browser, "pool-customer-en");
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
