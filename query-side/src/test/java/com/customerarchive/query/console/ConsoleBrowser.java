package com.customerarchive.query.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Debian's headless Chromium on the console, as its browser tests drive it: what they all find, wait for and keep. */
final class ConsoleBrowser {

    private ConsoleBrowser() {
    }

    /** Chromium in English at this window size, with the options a test adds (logs, a download folder). */
    static ChromeDriver open(int height, ChromeOptions options) {
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280," + height,
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        return new ChromeDriver(service, options);
    }

    /** Chromium that keeps the page's console messages (to assert none is an error) and saves downloads in {@code downloads}. */
    static ChromeDriver openLogged(int height, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        // the page's requests as Chromium saw them (sent, answered, failed): what a test that waited in vain reports
        logs.enable(org.openqa.selenium.logging.LogType.PERFORMANCE, java.util.logging.Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        return open(height, options);
    }

    /** Signs {@code user} in on the console's own form (password {@code <user>-pw}) and waits for its name. */
    static void signIn(ChromeDriver browser, WebDriverWait wait, String baseUrl, String user) {
        browser.get(baseUrl + "/console/");
        visible(browser, wait, By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pw");
        browser.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("who"), user));
    }

    static WebDriverWait waiting(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(40));
    }

    /** The element once visible; if it never shows, what the page showed instead. */
    static WebElement visible(ChromeDriver browser, WebDriverWait wait, By locator) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        } catch (org.openqa.selenium.TimeoutException notShown) {
            Object errors;
            try {
                errors = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                        .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
            } catch (RuntimeException notLogged) {
                errors = "(not logged)";
            }
            throw new AssertionError(locator + " never showed at " + browser.getCurrentUrl() + "; the flash said: "
                    + browser.findElement(By.id("flash")).getText() + "; the browser's console: " + errors
                    + "; the archive's requests: " + requests(browser)
                    + "; the page showed: " + browser.findElement(By.tagName("main")).getText(), notShown);
        }
    }

    /**
     * The last requests to either app's API that Chromium logged (only where a test opened it logged): method, path,
     * status or failure, with their times, so that a wait in vain tells an unanswered request from one never sent.
     */
    static java.util.List<String> requests(ChromeDriver browser) {
        java.util.Map<String, String> byRequest = new java.util.LinkedHashMap<>();
        try {
            tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            for (org.openqa.selenium.logging.LogEntry entry
                    : browser.manage().logs().get(org.openqa.selenium.logging.LogType.PERFORMANCE).getAll()) {
                tools.jackson.databind.JsonNode message = json.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asString("");
                tools.jackson.databind.JsonNode params = message.path("params");
                String id = params.path("requestId").asString("");
                String at = java.time.Instant.ofEpochMilli(entry.getTimestamp()).toString();
                switch (method) {
                    case "Network.requestWillBeSent" -> {
                        String url = params.path("request").path("url").asString("");
                        if (url.contains("/api/")) {
                            byRequest.put(id, at + " " + params.path("request").path("method").asString("")
                                    + " " + url.replaceFirst("^https?://[^/]+", ""));
                        }
                    }
                    case "Network.responseReceived" -> byRequest.computeIfPresent(id, (key, sent) ->
                            sent + " -> " + params.path("response").path("status").asInt() + " at " + at);
                    case "Network.loadingFailed" -> byRequest.computeIfPresent(id, (key, sent) ->
                            sent + " -> failed (" + params.path("errorText").asString("") + ") at " + at);
                    default -> { }
                }
            }
        } catch (RuntimeException notLogged) {
            return java.util.List.of("(not logged: " + notLogged.getMessage() + ")");
        }
        java.util.List<String> all = new java.util.ArrayList<>(byRequest.values());
        return all.subList(Math.max(0, all.size() - 15), all.size());
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid=" + id + "]");
    }

    /** The page as it looks now, kept as target/console/console-{name}.png (README's screenshots come from there). */
    static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path target = Path.of("target", "console", "console-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
