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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console in a real browser (Debian's chromium, headless) against both apps with the default access rule:
 * a manager's dashboard agrees with the API, an auditor looks back in time, a sales rep records a visit and meets a
 * refusal, an integrator cannot sign in, a rep cannot open another rep's customer. Screenshots go to target/console.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleIT {

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private WebDriver browser;
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
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void a_manager_sees_the_dashboard_as_the_api_counts_it_in_both_languages() throws IOException {
        signIn("manager");
        WebElement overdue = visible(testId("overdue-count"));
        assertThat(Integer.parseInt(overdue.getText()))
                .isEqualTo(queries.get("/api/follow-ups/overdue", "manager").json().size());
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(365).toString();
        JsonNode matrix = queries.get("/api/reports/grade-migration?from=" + from + "&to="
                + java.time.Instant.now(), "manager").json().get("matrix");
        for (WebElement cell : browser.findElements(By.cssSelector("[data-testid=migration-table] td[data-cell]"))) {
            String[] grades = cell.getAttribute("data-cell").split("-");
            assertThat(cell.getText()).as(cell.getAttribute("data-cell"))
                    .isEqualTo(matrix.get(grades[0]).get(grades[1]).asString());
        }
        assertThat(browser.findElement(testId("lag")).getText()).matches("\\d+");
        screenshot("dashboard-en");
        browser.findElement(testId("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "总览"));
        screenshot("dashboard-zh");
        browser.get(querySide.baseUrl() + "/console/#/reports");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "统计报表"));
        screenshot("reports-zh");
        browser.findElement(testId("language")).click();
        browser.get(querySide.baseUrl() + "/console/#/search?q=Console");
        visible(testId("results"));
        screenshot("search-en");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(querySide.baseUrl() + "/console/#/agenda");
        visible(testId("agenda"));
        screenshot("agenda-phone-en");
    }

    @Test
    void an_auditor_moves_back_to_the_first_version_and_sees_the_old_grade_and_email() throws IOException {
        String customer = register("sales", "Console Auditor Case", "old@console.example");
        assertThat(commands.put("/api/customers/" + customer + "/grade", "manager",
                "{\"grade\": \"A\", \"reason\": \"signed\"}").status()).isEqualTo(200);
        assertThat(commands.patch("/api/customers/" + customer + "/card", "manager",
                "{\"basic\": {\"email\": \"new@console.example\"}}").status()).isEqualTo(200);
        awaitVersion(customer, 3);
        signIn("auditor");
        browser.get(querySide.baseUrl() + "/console/#/customer/" + customer);
        assertThat(visible(testId("grade")).getText()).isEqualTo("A");
        assertThat(browser.findElement(testId("email")).getText()).isEqualTo("new@console.example");
        browser.findElement(testId("asof-version")).sendKeys("1");
        browser.findElement(By.id("asof-go")).click();
        assertThat(visible(testId("asof-grade")).getText()).isEqualTo("C");
        assertThat(browser.findElement(testId("asof-email")).getText()).isEqualTo("old@console.example");
        // the console shows times and picks as-of dates in the business zone it is told
        assertThat(queries.get("/console/config", "auditor").json().get("zone").asString()).isEqualTo("Asia/Shanghai");
        screenshot("customer-en");
    }

    @Test
    void a_sales_rep_records_a_visit_sees_it_in_the_timeline_and_reads_a_refusal_with_its_rule() throws IOException {
        String customer = register("sales", "Console Sales Case", "rep@console.example");
        String other = register("rep-other", "Console Other Rep", "other@console.example");
        awaitVersion(customer, 1);
        signIn("sales");
        visible(testId("agenda"));
        screenshot("agenda-en");
        browser.get(querySide.baseUrl() + "/console/#/customer/" + customer);
        WebElement visit = visible(By.id("visit-form"));
        visit.findElement(By.name("notes")).sendKeys("talked about the spring order");
        visit.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("timeline"), "VisitRecorded"));

        WebElement grade = visible(By.id("grade-form"));
        new org.openqa.selenium.support.ui.Select(grade.findElement(By.name("grade"))).selectByVisibleText("C");
        grade.findElement(By.name("reason")).sendKeys("still C");
        grade.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement rule = visible(testId("rule"));
        assertThat(rule.getText()).isEqualTo("same-grade");
        screenshot("customer-refusal-en");

        browser.get(querySide.baseUrl() + "/console/#/customer/" + other);
        assertThat(visible(testId("forbidden")).isDisplayed()).isTrue();
    }

    @Test
    void an_integrator_cannot_sign_in_to_the_console_and_a_wrong_password_is_refused() {
        signIn("integrator");
        assertThat(visible(testId("signin-error")).getText())
                .contains("managers, auditors and sales reps");
        browser.get(querySide.baseUrl() + "/console/");
        visible(By.id("user")).sendKeys("manager");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("signin-submit")).click();
        assertThat(visible(testId("signin-error")).getText())
                .contains("Wrong user or password");
    }

    private void signIn(String user) {
        browser.get(querySide.baseUrl() + "/console/");
        visible(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pw");
        browser.findElement(By.id("signin-submit")).click();
        if (!user.equals("integrator")) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("who"), user));
        }
    }

    private static String register(String owner, String name, String email) {
        Api.Response created = commands.post("/api/customers", "manager", """
                {"kind": "ORGANIZATION", "nature": "COMPANY", "tier": "REGULAR", "source": "EXHIBITION", "grade": "C",
                 "ownerId": "%s", "card": {"basic": {"name": "%s %s", "email": "%s"}}}"""
                .formatted(owner, name, UUID.randomUUID().toString().substring(0, 6), email));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("customerId").asString();
    }

    private static void awaitVersion(String customer, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/profiles/" + customer + "?minVersion="
                + version, "manager").status() == 200);
    }

    /** The element once visible; if it never shows, what the page showed instead. */
    private WebElement visible(By locator) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        } catch (org.openqa.selenium.TimeoutException notShown) {
            throw new AssertionError(locator + " never showed; the page showed: "
                    + browser.findElement(By.tagName("main")).getText(), notShown);
        }
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid=" + id + "]");
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", "console", "console-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
