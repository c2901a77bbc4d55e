package com.customerarchive.query.console;

import com.customerarchive.query.support.AppProcess;
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
 * Review in the console, in a real browser, with review on: a manager finds the clerk's card in the review queue,
 * returns it with a reason, the rep sees why and resubmits it, the manager approves it and the customer page shows
 * its code; in both languages.
 */
class ConsoleAdmissionIT {

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        commandSide = AppProcess.startOwnerScoped("command-side", Map.of("ARCHIVE_ADMISSION_ENABLED", "true"));
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
        browser = ConsoleBrowser.open(900, new ChromeOptions());
        wait = ConsoleBrowser.waiting(browser);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void a_card_is_returned_resubmitted_and_approved_in_the_console_and_shows_its_code() throws IOException {
        Api.Response created = commands.post("/api/customers", "clerk", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "KEY", "source": "EXHIBITION", "grade": "B",
                 "ownerId": "sales",
                 "card": {"basic": {"name": "温州瓯江控制台审核有限公司", "address": {"province": "浙江", "city": "温州"},
                                    "phones": ["0577-8888 6666"], "industry": "阀门"},
                          "contacts": [{"name": "周敏", "role": "DECISION_MAKER"}]}}""");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("customerId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=1",
                "manager").status() == 200);

        signIn("manager");
        browser.get(querySide.baseUrl() + "/console/#/queue");
        WebElement row = visible(By.xpath("//tr[.//a[contains(@href, '" + id + "')]]"));
        assertThat(row.findElement(testId("queue-state")).getText()).isEqualTo("Waiting for review");
        WebElement form = row.findElement(testId("return-form"));
        // the field is chosen by its label; the request names its path
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("field"))).selectByVisibleText("Street");
        form.findElement(By.name("message")).sendKeys("street missing");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        // the queue is drawn again once it holds the decision: returned, with the reason
        wait.until(ExpectedConditions.textToBe(By.xpath("//tr[.//a[contains(@href, '" + id
                + "')]]//*[@data-testid='queue-state']"), "Returned"));
        assertThat(browser.findElement(By.xpath("//tr[.//a[contains(@href, '" + id + "')]]")).getText())
                .contains("street missing");
        screenshot("queue-en");
        // in Chinese the queue names the state and the returned field in words, not codes
        browser.findElement(testId("language")).click();
        wait.until(ExpectedConditions.textToBe(By.xpath("//tr[.//a[contains(@href, '" + id
                + "')]]//*[@data-testid='queue-state']"), "已退回"));
        assertThat(browser.findElement(By.xpath("//tr[.//a[contains(@href, '" + id + "')]]")).getText())
                .contains("街道：street missing").doesNotContain("basic.");
        screenshot("queue-zh");
        browser.findElement(testId("language")).click();

        signIn("sales");
        browser.get(querySide.baseUrl() + "/console/#/customer/" + id);
        WebElement review = visible(testId("review"));
        assertThat(review.getText()).contains("Returned").contains("street missing");
        review.findElement(testId("resubmit")).click();
        wait.until(driver -> queries.get("/api/profiles/" + id, "manager").json().path("admission").asString()
                .equals("PENDING_REVIEW"));

        signIn("manager");
        browser.get(querySide.baseUrl() + "/console/#/customer/" + id);
        visible(testId("review")).findElement(testId("approve")).click();
        WebElement approved = visible(testId("approved-code"));
        // registration 1, returned 2, resubmitted 3, approved 4
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=4",
                "manager").status() == 200);
        String code = queries.get("/api/profiles/" + id, "manager").json().path("code").asString();
        // 浙江 → ZJ, the approval's year in Beijing, five digits
        assertThat(code).matches("ZJ" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear()
                + "\\d{5}");
        assertThat(approved.getText()).contains(code);
        assertThat(visible(testId("code")).getText()).isEqualTo(code);
        assertThat(browser.findElement(testId("admission-state")).getText()).isEqualTo("Approved");
        browser.findElement(testId("language")).click();
        wait.until(ExpectedConditions.textToBe(testId("admission-state"), "已审核"));
        screenshot("approved-zh");
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(querySide.baseUrl() + "/console/");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.navigate().refresh();
        visible(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pw");
        browser.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("who"), user));
    }

    private WebElement visible(By locator) {
        return ConsoleBrowser.visible(browser, wait, locator);
    }

    private static By testId(String id) {
        return ConsoleBrowser.testId(id);
    }

    private void screenshot(String name) throws IOException {
        ConsoleBrowser.screenshot(browser, name);
    }
}
