package com.customerarchive.query.pass;

import com.customerarchive.query.support.AppProcess;
import com.customerarchive.testsupport.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C of ./run.sh stops query-side with SIGTERM while the pass follows the store and a subscriber listens to the
 * live feed: the app stops without logging an error (an operator reads an ERROR as something to act on).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CleanStopIT {

    @Test
    void a_stop_while_the_pass_and_a_feed_subscriber_run_logs_no_error() throws Exception {
        AppProcess commandSide = AppProcess.commandSide();
        AppProcess querySide = AppProcess.querySide(0);
        Api commands = new Api(commandSide.baseUrl());
        Api queries = new Api(querySide.baseUrl());
        String id = commands.post("/api/customers", "sales", """
                {"kind": "INDIVIDUAL", "nature": "INDIVIDUAL", "tier": "REGULAR", "source": "EVENT", "grade": "C",
                 "ownerId": "rep-stop", "card": {"basic": {"name": "Stopped Cleanly"}}}""").json()
                .get("customerId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.get("/api/profiles/" + id + "?minVersion=1",
                "manager").status() == 200);
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> subscriber = HttpClient.newHttpClient()
                .sendAsync(HttpRequest.newBuilder(URI.create(querySide.baseUrl() + "/api/events/stream"))
                        .header("Accept", "text/event-stream").header("Last-Event-ID", "0")
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "integrator:integrator-pw".getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(subscriber.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        querySide.stop();

        List<String> log = Files.readAllLines(Path.of("target", "query-side-under-test-" + querySide.port() + ".log"));
        assertThat(log).as("the log of a stopped query-side").anyMatch(line -> line.contains("Graceful shutdown complete"));  // not "aborted": the stream held nothing up
        assertThat(log).filteredOn(line -> line.contains(" ERROR ") || line.startsWith("Exception in thread"))
                .as("errors logged by a clean stop").isEmpty();
    }
}
