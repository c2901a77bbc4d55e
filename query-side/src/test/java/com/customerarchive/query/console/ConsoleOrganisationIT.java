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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The organisation in the console, in a real browser: a branch manager sees its branch with its two teams, their
 * members and customers, switches from one team to the other and reads each team's activity rep by rep; in Chinese
 * and in English.
 */
class ConsoleOrganisationIT {

    private static final String USERS = """
            {"archive": {"security": {"users": {
              "console-bm": {"password": "{noop}console-bm-pw", "roles": ["MANAGER"]}}}}}""";

    private static AppProcess commandSide;
    private static AppProcess querySide;
    private static Api commands;
    private static Api queries;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        commandSide = AppProcess.startOwnerScoped("command-side", Map.of("SPRING_APPLICATION_JSON", USERS));
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
    void a_branch_manager_switches_between_its_teams_and_reads_each_reps_activity() throws IOException {
        Organisations.open(commands, new String[]{"CON-B", "嘉兴分公司", Organisations.COMPANY},
                new String[]{"CON-T1", "嘉兴一组", "CON-B"}, new String[]{"CON-T2", "嘉兴二组", "CON-B"});
        place("console-bm", "CON-B", "BRANCH_MANAGER");
        place("con-rep1", "CON-T1", "REP");
        place("con-rep2", "CON-T2", "REP");
        String first = registeredWithVisit("con-rep1", "嘉兴一组客户");
        String second = registeredWithVisit("con-rep2", "嘉兴二组客户");
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(first, second).stream().allMatch(id ->
                queries.get("/api/profiles/" + id + "?minVersion=2", "manager").status() == 200));

        signIn("console-bm");
        browser.findElement(testId("language")).click(); // to Chinese
        browser.get(querySide.baseUrl() + "/console/#/org");
        WebElement tree = visible(testId("org-tree"));
        assertThat(browser.findElement(testId("org-scope")).getText()).isEqualTo("可见范围：分公司 CON-B 的客户");
        assertThat(tree.findElements(testId("org-unit")).stream().map(unit -> unit.getAttribute("data-code")).toList())
                .containsExactly("CON-B", "CON-T1", "CON-T2");
        assertThat(tree.getText()).contains("嘉兴分公司", "嘉兴一组", "嘉兴二组", "console-bm · 分公司经理",
                "con-rep1 · 业务员 · 1 个客户", "con-rep2 · 业务员 · 1 个客户");
        ConsoleBrowser.screenshot(browser, "org-zh");

        unitLink("CON-T1").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("activity-table"), "con-rep1"));
        assertThat(browser.findElement(testId("activity-table")).getText()).doesNotContain("con-rep2");
        assertThat(activityRows()).as("the rep and its one visit").containsExactly("con-rep1 1");
        unitLink("CON-T2").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("activity-table"), "con-rep2"));
        assertThat(browser.findElement(testId("activity-table")).getText()).doesNotContain("con-rep1");
        assertThat(activityRows()).containsExactly("con-rep2 1");
        ConsoleBrowser.screenshot(browser, "org-team-zh");

        browser.findElement(testId("language")).click(); // back to English
        wait.until(ExpectedConditions.textToBe(testId("org-scope"), "You see: the customers of branch CON-B"));
        assertThat(visible(testId("org-tree")).getText()).contains("con-rep2 · sales rep · customers: 1");
        ConsoleBrowser.screenshot(browser, "org-team-en");
    }

    /** Each row of the activity table: the rep and its visits (the first two cells). */
    private List<String> activityRows() {
        return browser.findElements(By.cssSelector("[data-testid=activity-table] tbody tr")).stream().map(row -> {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            return cells.get(0).getText() + " " + cells.get(1).getText();
        }).toList();
    }

    private WebElement unitLink(String code) {
        return visible(By.cssSelector("[data-testid=org-unit][data-code=" + code + "] > [data-testid=org-unit-link]"));
    }

    private static void place(String user, String unit, String position) {
        Organisations.place(commands, user, unit, position);
    }

    private static String registeredWithVisit(String owner, String name) {
        Api.Response registered = commands.post("/api/customers", "manager", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "OCCASIONAL", "source": "WEBSITE", "grade": "C",
                 "ownerId": "%s", "card": {"basic": {"name": "%s"}}}""".formatted(owner, name));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String id = registered.json().get("customerId").asString();
        Api.Response visit = commands.post("/api/customers/" + id + "/visits", "manager", "{\"method\": \"PHONE\"}");
        assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
        return id;
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
