package com.customerarchive.query.console;

import com.customerarchive.query.support.BothAppsTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser asks before anyone signed in: query-side's own address leads to the console, and the icon every page
 * asks for is there; neither is a 401 (a 401 makes the browser pop up its own sign-in dialog).
 */
class EntryPointsTest extends BothAppsTest {

    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void the_apps_address_leads_to_the_console() throws Exception {
        HttpResponse<String> home = BROWSER.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/console/");
        HttpResponse<String> console = BROWSER.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("<html");
    }

    @Test
    void the_favicon_is_served_without_credentials() throws Exception {
        HttpResponse<byte[]> icon = BROWSER.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/favicon.ico")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/");
        // an ICO file: reserved 0, type 1 (icon), at least one image
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
        assertThat(icon.body()[4]).isPositive();
    }
}
